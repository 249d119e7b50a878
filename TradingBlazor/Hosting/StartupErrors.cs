using Microsoft.Extensions.Options;

namespace TradingBlazor.Hosting;

/// <summary>Turns a failed start into one clear line on stderr and a non-zero exit code.</summary>
public static class StartupErrors
{
    public const int ConfigurationExitCode = 2;
    public const int StartupExitCode = 1;

    public static async Task<int> RunGuardedAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception ex) when (IsConfigurationError(ex))
        {
            Console.Error.WriteLine("Configuration error: " + Describe(ex));
            return ConfigurationExitCode;
        }
        catch (Exception ex) when (!IsHostingControlFlow(ex))
        {
            Console.Error.WriteLine($"Startup failed: {ex.GetBaseException().Message}");
            return StartupExitCode;
        }
    }

    public static string Describe(Exception ex) => ex switch
    {
        OptionsValidationException v => string.Join("; ", v.Failures),
        _ => ex.Message.ReplaceLineEndings(" "),
    };

    // The configuration binder reports unconvertible values as InvalidOperationException naming the key.
    private static bool IsConfigurationError(Exception ex) =>
        ex is OptionsValidationException
        || ex is InvalidOperationException && ex.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase)
        || ex is FormatException && ex.Message.Contains(AppHost.DotEnvFileName, StringComparison.Ordinal);

    // The test host and EF's design-time tools stop the entry point with this exception once they have the built host.
    private static bool IsHostingControlFlow(Exception ex) => ex is HostAbortedException;
}
