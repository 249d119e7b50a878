using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Hosting;

namespace TradingBlazor.Tests.Support;

/// <summary>
/// The real app, built by the same <see cref="AppHost"/> as Program, on a real Kestrel bound to 127.0.0.1 with
/// a free port and its own data directory (SQLite file and logs).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, string dataDirectory, string baseUrl)
    {
        App = app;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }
    public string DataDirectory { get; }
    public string BaseUrl { get; }
    public IServiceProvider Services => App.Services;
    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public static Task<TestApp> StartAsync(params string[] settings) => StartInAsync(TestPaths.NewTempDirectory("tb-app"), settings);

    /// <summary>Starts the app with services added or replaced after the app's own (e.g. in-memory fakes of the engine).</summary>
    public static Task<TestApp> StartWithAsync(Action<IServiceCollection> services, params string[] settings) =>
        StartCoreAsync(TestPaths.NewTempDirectory("tb-app"), services, settings);

    /// <summary>Starts the app on a data directory the test prepared (e.g. with a database file of an older version).</summary>
    public static Task<TestApp> StartInAsync(string dataDirectory, params string[] settings) => StartCoreAsync(dataDirectory, null, settings);

    private static async Task<TestApp> StartCoreAsync(string dataDirectory, Action<IServiceCollection>? services, string[] settings)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            $"--contentRoot={TestPaths.AppProjectDirectory}",
            $"--Storage:DataDirectory={dataDirectory}",
            "--Logs:Console=false",
        };
        args.AddRange(settings);
        var builder = AppHost.CreateBuilder(args.ToArray());
        services?.Invoke(builder.Services);
        var app = AppHost.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApp(app, dataDirectory, address.TrimEnd('/'));
    }

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl + "/") };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
