using Microsoft.Extensions.Options;

namespace TradingBlazor.Infrastructure.Configuration;

public static class SettingsRegistration
{
    /// <summary>Binds a settings section and validates it when the host starts, so bad configuration fails fast.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services) where T : class, ISettings
    {
        services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, SettingsValidator<T>>();
        return services;
    }

    private sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
