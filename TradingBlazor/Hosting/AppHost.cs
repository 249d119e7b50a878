using System.Globalization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Serilog;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Api;
using TradingBlazor.Api.Health;
using TradingBlazor.Components;
using TradingBlazor.Data;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Alerts;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Market;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Scheduling;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Infrastructure.Logging;
using TradingBlazor.Security;
using TradingBlazor.Services;

namespace TradingBlazor.Hosting;

/// <summary>Builds the web application: configuration sources, services and the HTTP pipeline.</summary>
public static class AppHost
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public const string DotEnvFileName = ".env";

    /// <summary>
    /// Configuration, lowest to highest precedence: appsettings.json, appsettings.{Environment}.json,
    /// user-secrets, .env in the working directory, environment variables (Section__Key), command line.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Numbers and dates read and shown the same on every machine (grids format and filter in the current culture).
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        // The application name must be ours even when a test process hosts us: static web assets and user-secrets key on it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(AppHost).Assembly.GetName().Name });
        // The trader runs in Production (the default profile); user-secrets are theirs to use there too.
        bool added = false;
        if (!builder.Environment.IsDevelopment())
        {
            builder.Configuration.AddUserSecrets(typeof(AppHost).Assembly, optional: true);
            added = true;
        }
        var dotEnv = DotEnvFile.Read(Path.Combine(Directory.GetCurrentDirectory(), DotEnvFileName));
        if (dotEnv.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(dotEnv);
            added = true;
        }
        if (added)
        {
            // Re-added so that real environment variables and arguments still win over user-secrets and the .env file.
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args);
        }

        // `dotnet run` outside Development: the build output serves static assets only through the manifest (published output has them).
        builder.WebHost.UseStaticWebAssets();

        // Loopback only unless --urls, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS say otherwise.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);

        ConfigureServices(builder);
        return builder;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<StorageSettings>();
        services.AddSettings<LogSettings>();
        services.AddSettings<MarketSettings>();
        services.AddSettings<SchedulerSettings>();
        services.AddSettings<AlpacaSettings>();
        services.AddSettings<SimulationSettings>();
        services.AddSettings<BacktestSettings>();
        builder.AddTradingBlazorLogging();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IMarketCalendar>(sp => new NyseCalendar(sp.GetRequiredService<IOptions<MarketSettings>>().Value.ParsedExtraClosures()));

        // Hosted services start in registration order: the store before anything that may use it.
        services.AddTradingStore();
        services.AddSingleton<MarketSessionState>();
        services.AddTradingScheduler();

        services.AddSimulatedMarket();
        services.AddAlpaca();
        services.AddSingleton<Engine.Brokerage.BrokerConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<Engine.Brokerage.BrokerConnection>());
        services.AddSingleton<Engine.Charts.ChartSourceResolver>();
        services.AddSingleton<Engine.MarketData.BarImportService>();
        services.AddSingleton<Engine.Backtesting.BacktestService>();
        services.AddSingleton<Engine.Backtesting.SweepRunner>();
        services.AddHostedService<Engine.Backtesting.BacktestRunRecovery>();
        services.AddSingleton<Engine.Backtesting.BacktestChartBuilder>();
        services.AddSingleton<Engine.Preview.BotPreviewRunner>();
        services.AddReports();
        services.AddTradingEngine(); // after the store, the simulated feed and the broker: bots resume on them
        services.AddAlerts(); // constructed with the hosted services, so it hears the bots resume
        Engine.ML.MlServices.AddModelRegistry(services);
        Engine.ML.ModelTrainingServices.AddModelTraining(services);

        // Keys beside the database: circuits and antiforgery tokens survive a restart (and no per-start key warning).
        Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.SetApplicationName(services.AddDataProtection(), "TradingBlazor");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<IOptions<StorageSettings>, ILoggerFactory>((o, storage, logs) => o.XmlRepository =
                new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(new DirectoryInfo(Path.Combine(storage.Value.DataDirectoryPath, "keys")), logs));

        // Framing is refused outright (X-Frame-Options DENY and the content policy): antiforgery need not add its own.
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddTradingBlazorHealthChecks();
        services.AddProblemDetails();
        services.AddApiErrorHandling();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));
        services.AddOpenApi();
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Toasts rise from the bottom: at the top they covered the app bar's bell, kill switch and menus.
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddUiServices();
        services.AddTradingBlazorSecurity();
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        _ = app.Services.GetRequiredService<HostStartTime>(); // uptime counts from here
        // Strategies come from the static plug-in registry; ML bots (resumed by hosted services) find their models here.
        Domain.ML.DirectionModelSources.Default = app.Services.GetRequiredService<Engine.ML.ModelRegistry>();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseMiddleware<Security.SecurityHeaders>();
        app.UseMiddleware<Security.CrossSiteGuard>();
        app.UseSerilogRequestLogging(o => o.GetLevel = RequestLogLevel);
        app.UseStatusCodePages();
        app.UseApiErrorHandling();
        // A page the browser asked for that does not exist gets the app's own 404 page (the API keeps its plain answers).
        app.UseWhen(c => HttpMethods.IsGet(c.Request.Method) && !c.Request.Path.StartsWithSegments("/api") && c.Request.Headers.Accept.ToString().Contains("text/html"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the re-execution, so the re-executed request finds the 404 page's endpoint; before the
        // security middleware, whose authorization reads each endpoint's metadata (what stays open without a key).
        app.UseRouting();
        app.UseTradingBlazorSecurity(); // before antiforgery; health, API docs and static files stay open
        app.UseAntiforgery();
        // Pings keep /ws alive through proxies and drop peers that stopped answering.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30), KeepAliveTimeout = TimeSpan.FromSeconds(30) });

        app.MapStaticAssets().AllowAnonymous();
        app.MapTradingBlazorHealth().AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        // No fonts from a CDN: the reference works offline and tells no one the trader opened it.
        app.MapScalarApiReference(Security.SecurityHeaders.ApiReferencePath, o => o.WithTitle("TradingBlazor API").DisableDefaultFonts()).AllowAnonymous();
        app.MapCalendarEndpoints();
        app.MapBacktestEndpoints();
        app.MapSweepEndpoints();
        app.MapBrokerEndpoints();
        app.MapBotEndpoints();
        app.MapApprovalEndpoints();
        app.MapAlertEndpoints();
        app.MapKillSwitchEndpoints();
        app.MapTradingRecordEndpoints();
        app.MapReportEndpoints();
        app.MapModelEndpoints();
        app.MapEventSocket();
        // Our own content policy already says frame-ancestors 'none'; Blazor's second header would only repeat it laxer.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    // Health probes (every 30 s in Docker) and static files would drown the requests a trader made.
    private static Serilog.Events.LogEventLevel RequestLogLevel(HttpContext http, double elapsedMs, Exception? error) =>
        error is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
        : http.Request.Path.StartsWithSegments(HealthEndpoint.Path) || http.GetEndpoint() is null || Path.HasExtension(http.Request.Path.Value)
            ? Serilog.Events.LogEventLevel.Debug
            : Serilog.Events.LogEventLevel.Information;
}
