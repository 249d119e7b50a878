using Microsoft.Extensions.Options;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.ML;

public static class MlServices
{
    /// <summary>The model registry in a <c>models</c> folder beside the configured database.</summary>
    public static IServiceCollection AddModelRegistry(this IServiceCollection services) =>
        services.AddSingleton(sp => ModelRegistry.BesideDatabase(sp.GetRequiredService<IOptions<StorageSettings>>().Value.DatabasePath, sp.GetRequiredService<TimeProvider>()));
}
