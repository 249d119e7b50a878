using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

public class HealthTests
{
    [Fact]
    public async Task Health_reports_database_and_scheduler_through_the_test_server()
    {
        var dataDir = TestPaths.NewTempDirectory();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataDirectory", dataDir)
            .UseSetting("Logs:Console", "false"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        Assert.True(checks.GetProperty("scheduler").GetProperty("data").TryGetProperty("session-roll", out _));
    }

    [Fact]
    public async Task Health_is_503_when_the_database_is_broken()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health")).StatusCode);

        // Replace the database with a file that is not SQLite, as a corrupted disk would.
        SqliteConnection.ClearAllPools();
        var db = Path.Combine(app.DataDirectory, "tradingblazor.db");
        foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        await File.WriteAllTextAsync(db, new string('x', 4096));

        using var response = await client.GetAsync("health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
