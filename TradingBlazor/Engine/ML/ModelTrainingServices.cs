namespace TradingBlazor.Engine.ML;

public static class ModelTrainingServices
{
    /// <summary>Background training from the app, the registry's listing, and the outcomes of stored predictions (after the store).</summary>
    public static IServiceCollection AddModelTraining(this IServiceCollection services)
    {
        services.AddSingleton<ModelTrainingService>();
        services.AddHostedService<ModelTrainingRecovery>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton(PredictionOutcomes.Create);
        return services;
    }
}
