using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

public class SweepApiTests
{
    private static string Template => JsonSerializer.Serialize(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", "sma_cross_template.json")));

    private static StringContent Body(string ranges, string constraint, string metric = "sharpe") => new($$"""
        { "template": {{Template}}, "ranges": {{ranges}}, "constraint": {{JsonSerializer.Serialize(constraint)}},
          "symbol": "SPY", "from": "2024-01-02", "to": "2024-12-31", "metric": "{{metric}}" }
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_sweep_over_rest_runs_the_combinations_its_constraint_allows_and_counts_the_rest()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        using var response = await client.PostAsync("api/backtests/sweeps", Body("""["fast=10,20,30", "slow=20,40"]""", "fast < slow"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(6, result.GetProperty("combinations").GetInt32());
        Assert.Equal(2, result.GetProperty("skipped").GetInt32()); // 20/20 and 30/20
        var points = result.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(4, points.Count);
        Assert.All(points, p => Assert.True(p.GetProperty("parameters").GetProperty("fast").GetDouble() < p.GetProperty("parameters").GetProperty("slow").GetDouble()));
        var scores = points.Select(p => p.GetProperty("score")).Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory]
    [InlineData("""["fast=10,20", "slow=20,40"]""", "fast < slwo", "sharpe", "constraint")]
    [InlineData("""["fast=30", "slow=20"]""", "fast < slow", "sharpe", "constraint")]
    [InlineData("""["fast=10", "slow=x"]""", "", "sharpe", "ranges[1]")]
    [InlineData("""["fast=10", "period=5"]""", "", "sharpe", "ranges[1]")]
    [InlineData("""["fast=10", "slow=20"]""", "", "luck", "metric")]
    public async Task Bad_sweeps_get_problem_details_naming_the_field(string ranges, string constraint, string metric, string field)
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        using var response = await client.PostAsync("api/backtests/sweeps", Body(ranges, constraint, metric));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
    }
}
