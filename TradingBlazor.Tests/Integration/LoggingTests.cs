using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingBlazor.Infrastructure.Logging;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

public class LoggingTests
{
    private const string Secret = "sk-SUPER-SECRET-7d1f9a";
    private const string KeyId = "PKTESTKEY0123456789";

    [Fact]
    public async Task Secrets_from_configuration_never_reach_any_log_file()
    {
        string logDir;
        await using (var app = await TestApp.StartAsync($"--Alpaca:SecretKey={Secret}", $"--Alpaca:KeyId={KeyId}", "--Custom:ApiToken=tok-abcdef-123456"))
        {
            logDir = app.LogDirectory;
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TradingBlazor.Tests.Leaky");
            // Every way a careless caller could leak one: template text, properties, nested objects, exceptions.
            log.LogInformation("Connecting with key " + KeyId);
            log.LogWarning("Auth header {Header}", $"APCA-API-SECRET-KEY: {Secret}");
            log.LogInformation("Settings {@Settings}", new { KeyId, SecretKey = Secret, Token = "tok-abcdef-123456" });
            log.LogError(new InvalidOperationException($"401 for secret {Secret}"), "Broker call failed");
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategories.Trades).LogInformation("Filled order with key {Key}", KeyId);
            using var client = app.CreateClient();
            await client.GetAsync("health");
        }

        var files = Directory.GetFiles(logDir);
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("tradingblazor-"));
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("errors-"));
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("trades-"));
        var all = string.Concat(files.Select(File.ReadAllText));
        Assert.DoesNotContain(Secret, all);
        Assert.DoesNotContain(KeyId, all);
        Assert.DoesNotContain("tok-abcdef-123456", all);
        Assert.Contains(SecretRedactor.Mask, all); // the events were written, masked, not dropped
        Assert.Contains("Broker call failed", all);
    }

    [Fact]
    public async Task Errors_and_trades_go_to_their_own_files_as_json()
    {
        string logDir;
        await using (var app = await TestApp.StartAsync())
        {
            logDir = app.LogDirectory;
            var factory = app.Services.GetRequiredService<ILoggerFactory>();
            factory.CreateLogger(LogCategories.Trades).LogInformation("Bought {Qty} {Symbol}", 10, "SPY");
            factory.CreateLogger("TradingBlazor.Tests").LogError("Something broke");
            factory.CreateLogger("TradingBlazor.Tests").LogInformation("Just information");
        }

        string Read(string prefix) => File.ReadAllText(Directory.GetFiles(logDir, prefix + "*.json").Single());
        var trades = Read("trades-");
        Assert.Contains("Bought 10", trades);
        Assert.DoesNotContain("Something broke", trades);
        var errors = Read("errors-");
        Assert.Contains("Something broke", errors);
        Assert.DoesNotContain("Just information", errors);
        foreach (var line in Read("tradingblazor-").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            System.Text.Json.JsonDocument.Parse(line).Dispose(); // every line is one JSON event
    }

    [Theory]
    [InlineData("Alpaca:SecretKey", true)]
    [InlineData("Alpaca:KeyId", true)]
    [InlineData("Database:Password", true)]
    [InlineData("Github:AccessToken", true)]
    [InlineData("Storage:DataDirectory", false)]
    [InlineData("Logs:RetainedDays", false)]
    public void Secret_settings_are_recognised_by_name(string key, bool secret) => Assert.Equal(secret, SecretRedactor.IsSecretKey(key));
}
