using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Adapters.Csv;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.ML;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.ML;

/// <summary>Training over REST on stored bars (the S&amp;P 500 fixture) on a real Kestrel and SQLite file; bad input names its fields.</summary>
public sealed class ModelApiTests
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Train(string symbol = "SPX", string from = "2000-01-03", string to = "2006-12-29", string model = "forest", int seed = 7, int folds = 3) =>
        $$"""{ "symbol": "{{symbol}}", "timeframe": "1d", "from": "{{from}}", "to": "{{to}}", "model": "{{model}}", "seed": {{seed}}, "folds": {{folds}} }""";

    private static async Task<JsonElement> EndedAsync(HttpClient http, long id)
    {
        JsonElement training = default;
        await Eventually.HoldsAsync(async () =>
        {
            training = await http.GetFromJsonAsync<JsonElement>($"api/models/trainings/{id}");
            return training.GetProperty("status").GetString() is not ("queued" or "running");
        }, $"training {id} ended", TimeSpan.FromSeconds(120));
        return training;
    }

    [Fact]
    public async Task A_training_on_stored_bars_registers_a_model_listed_with_its_validation()
    {
        await using var app = await TestApp.StartAsync();
        await StoredSpx.StoreAsync(app.Services);
        using var http = app.CreateClient();

        using var start = await http.PostAsync("api/models/train", Body(Train()));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var started = await start.Content.ReadFromJsonAsync<JsonElement>();
        long id = started.GetProperty("id").GetInt64();
        Assert.Equal($"/api/models/trainings/{id}", start.Headers.Location?.OriginalString);

        var training = await EndedAsync(http, id);
        Assert.Equal("completed", training.GetProperty("status").GetString());
        Assert.Equal(1, training.GetProperty("progress").GetDouble());
        Assert.Equal(1, training.GetProperty("modelVersion").GetInt32());

        var models = await http.GetFromJsonAsync<JsonElement>("api/models");
        var model = Assert.Single(models.EnumerateArray());
        Assert.Equal("SPX", model.GetProperty("symbol").GetString());
        Assert.Equal(1, model.GetProperty("version").GetInt32());
        var manifest = model.GetProperty("manifest");
        Assert.Equal(7, manifest.GetProperty("seed").GetInt32());
        Assert.Equal(64, manifest.GetProperty("contentHash").GetString()!.Length);
        Assert.StartsWith("2000-02", manifest.GetProperty("trainFromUtc").GetString()); // after the indicators' warm-up
        var forest = model.GetProperty("metrics").GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "forest");
        var auc = forest.GetProperty("outOfSample").GetProperty("auc").GetDouble();
        Assert.InRange(auc, 0, 1);
        Assert.NotEmpty(forest.GetProperty("outOfSample").GetProperty("calibration").EnumerateArray());
        Assert.Equal(1, app.Services.GetRequiredService<ModelRegistry>().Versions("SPX").Single());
    }

    [Theory]
    [InlineData("""{ "symbol": "", "timeframe": "1d", "from": "2000-01-03", "to": "2006-12-29" }""", "symbol", "is required.")]
    [InlineData("""{ "symbol": "NOPE", "timeframe": "1d", "from": "2000-01-03", "to": "2006-12-29" }""", "symbol", "has no stored 1d bars")]
    [InlineData("""{ "symbol": "SPX", "timeframe": "2d", "from": "2000-01-03", "to": "2006-12-29" }""", "timeframe", "must be one of")]
    [InlineData("""{ "symbol": "SPX", "timeframe": "1d", "from": "2006-01-03", "to": "2005-12-29" }""", "to", "must not be before 'from'.")]
    [InlineData("""{ "symbol": "SPX", "timeframe": "1d", "to": "2005-12-29" }""", "from", "is required")]
    [InlineData("""{ "symbol": "SPX", "timeframe": "1d", "from": "2000-01-03", "to": "2005-12-29", "folds": 1 }""", "folds", "must be between 2 and 20.")]
    [InlineData("""{ "symbol": "SPX", "timeframe": "1d", "from": "2000-01-03", "to": "2005-12-29", "seed": -1 }""", "seed", "must not be negative.")]
    [InlineData("""{ "symbol": "SPX", "timeframe": "1d", "from": "2000-01-03", "to": "2005-12-29", "model": "tree" }""", "model", "")]
    [InlineData("""{ "symbol": "SPX", "timeframe": "1d", "from": "someday" }""", "from", "")]
    [InlineData("""[1, 2]""", "$", "")]
    public async Task Bad_training_requests_are_problems_naming_the_field(string json, string field, string message)
    {
        await using var app = await TestApp.StartAsync();
        await StoredSpx.StoreAsync(app.Services, 400);
        using var http = app.CreateClient();
        using var response = await http.PostAsync("api/models/train", Body(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        Assert.Contains(message, messages[0].GetString());
        Assert.Empty(await app.Services.GetRequiredService<ModelTrainingService>().ListAsync());
    }

    [Fact]
    public async Task Too_few_bars_end_the_training_as_failed_with_the_trainers_message_and_unknown_ids_are_problems()
    {
        await using var app = await TestApp.StartAsync();
        await StoredSpx.StoreAsync(app.Services, 200);
        using var http = app.CreateClient();
        using var start = await http.PostAsync("api/models/train", Body(Train(to: "2020-04-17")));
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var training = await EndedAsync(http, id);
        Assert.Equal("failed", training.GetProperty("status").GetString());
        Assert.Contains("at least 300 are needed", training.GetProperty("error").GetString());
        Assert.Empty(app.Services.GetRequiredService<ModelRegistry>().Versions("SPX"));

        using var missing = await http.GetAsync("api/models/trainings/999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var cancel = await http.PostAsync($"api/models/trainings/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task Trainings_run_one_at_a_time_and_a_queued_one_can_be_canceled()
    {
        await using var app = await TestApp.StartAsync();
        await StoredSpx.StoreAsync(app.Services);
        var service = app.Services.GetRequiredService<ModelTrainingService>();
        int running = 0, most = 0;
        service.Changed += p =>
        {
            if (p.Status == BacktestStatus.Running && p.Progress == 0) most = Math.Max(most, Interlocked.Increment(ref running));
            else if (!p.Status.IsActive() && p.Progress == 1 && p.Status != BacktestStatus.Canceled) Interlocked.Decrement(ref running);
        };
        using var http = app.CreateClient();
        var ids = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("api/models/train", Body(Train(seed: i)));
            var started = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("queued", started.GetProperty("status").GetString());
            ids.Add(started.GetProperty("id").GetInt64());
        }
        using (var cancel = await http.PostAsync($"api/models/trainings/{ids[2]}/cancel", null))
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        Assert.Equal("completed", (await EndedAsync(http, ids[0])).GetProperty("status").GetString());
        Assert.Equal("completed", (await EndedAsync(http, ids[1])).GetProperty("status").GetString());
        Assert.Equal("canceled", (await EndedAsync(http, ids[2])).GetProperty("status").GetString());
        Assert.Equal(1, most);
        Assert.Equal(new[] { 1, 2 }, app.Services.GetRequiredService<ModelRegistry>().Versions("SPX"));
        var list = await http.GetFromJsonAsync<JsonElement>("api/models/trainings");
        Assert.Equal(ids.AsEnumerable().Reverse(), list.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Trainings_a_stopped_app_left_running_are_marked_interrupted_at_start_up()
    {
        var dir = TestPaths.NewTempDirectory("tb-app");
        await using (var first = await TestApp.StartInAsync(dir))
        {
            var db = first.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
            await using var c = await db.CreateDbContextAsync();
            c.ModelTrainings.Add(new ModelTrainingRecord
            {
                Symbol = "SPX", Timeframe = "1d", From = new(2000, 1, 3), To = new(2006, 12, 29), Status = BacktestStatus.Running,
                CreatedAt = DateTime.UtcNow, StartedAt = DateTime.UtcNow,
            });
            await c.SaveChangesAsync();
        }
        await using var second = await TestApp.StartInAsync(dir);
        using var http = second.CreateClient();
        var training = Assert.Single((await http.GetFromJsonAsync<JsonElement>("api/models/trainings")).EnumerateArray());
        Assert.Equal("interrupted", training.GetProperty("status").GetString());
        Assert.Contains("stopped before this training finished", training.GetProperty("error").GetString());
    }
}
