using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Json;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Infrastructure.Logging;

/// <summary>
/// Serilog for the whole app: levels from the "Serilog" configuration section; console, a daily JSON log,
/// a trades-only log and an errors-only log under the log directory; every event passes the secret redactor.
/// </summary>
public static class LoggingSetup
{
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog.AspNetCore's DI-built logger (so per-host configuration, in tests and the CLI, is honoured),
    /// replacing every other provider, and used by request logging (<c>UseSerilogRequestLogging</c>) if the pipeline adds it.
    /// </summary>
    public static void AddTradingBlazorLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<SecretRedactor>(sp => SecretRedactor.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSerilog((sp, logger) => Configure(
            logger,
            sp.GetRequiredService<IConfiguration>(),
            SettingsOrDefault<LogSettings>(sp),
            SettingsOrDefault<StorageSettings>(sp),
            sp.GetRequiredService<SecretRedactor>()),
            // Each host logs through its own logger: by default Serilog routes every host through the static Log.Logger,
            // the last one built, so hosts side by side (tests, a command next to the app) wrote into each other's files.
            preserveStaticLogger: true);
        // Serilog's request logging falls back to the static logger too; point it at this host's.
        builder.Services.AddOptions<Serilog.AspNetCore.RequestLoggingOptions>().Configure<Serilog.ILogger>((options, logger) => options.Logger = logger);
    }

    // Logging must come up even when configuration is bad, so that the host can start, validate, and report
    // the bad setting (ValidateOnStart) instead of failing obscurely while building the logger.
    private static T SettingsOrDefault<T>(IServiceProvider sp) where T : class, ISettings, new()
    {
        try
        {
            return sp.GetRequiredService<IOptions<T>>().Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            return new T();
        }
    }

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, LogSettings logs, StorageSettings storage, SecretRedactor redactor)
    {
        var directory = logs.ResolveDirectory(storage);
        Directory.CreateDirectory(directory);
        var json = new JsonFormatter(renderMessage: true);

        var sinks = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(json, Path.Combine(directory, "tradingblazor-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: logs.RetainedDays, shared: true)
            .WriteTo.Logger(l => l
                .Filter.ByIncludingOnly(Matching.FromSource(LogCategories.Trades))
                .WriteTo.File(json, Path.Combine(directory, "trades-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: logs.RetainedDays, shared: true))
            .WriteTo.File(json, Path.Combine(directory, "errors-.json"), restrictedToMinimumLevel: LogEventLevel.Error, rollingInterval: RollingInterval.Day, retainedFileCountLimit: logs.RetainedDays, shared: true);
        if (logs.Console)
            sinks.WriteTo.Console(outputTemplate: ConsoleTemplate);

        // Levels and per-source overrides must live on the logger that MEL calls ForContext on, i.e. this outer one.
        return logger
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new RedactingSink(sinks.CreateLogger(), redactor));
    }
}
