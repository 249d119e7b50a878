using System.Net;
using System.Text;
using System.Text.Json;
using TradingBlazor.Cli;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Backtesting;

/// <summary>
/// Hostile rules are refused with the field named, never with a crash: 15,000 nested parentheses once overflowed the
/// parser's stack (killing the process), and 100,000 minus signs its evaluation.
/// </summary>
public sealed class RuleLimitsTests
{
    private static BotConfig WithEntry(string rule) => new()
    {
        Name = "hostile",
        Symbols = new() { "SPY" },
        Entry = new SignalRule { Rule = JsonSerializer.SerializeToElement(rule) },
    };

    public static TheoryData<string, string> Hostile => new()
    {
        { new string('(', 15_000) + "close" + new string(')', 15_000) + " > 1", "characters long" },
        { "close > " + new string('-', 100_000) + "1", "characters long" },
        { new string('(', 70) + "close" + new string(')', 70) + " > 1", "deeper than 64" },
        { "close > " + new string('-', 70) + "1", "deeper than 64" },
        { string.Concat(Enumerable.Repeat("not ", 70)) + "close > 1", "deeper than 64" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_rule_is_an_error_naming_the_field(string rule, string why)
    {
        var errors = BotConfigValidator.Validate(WithEntry(rule));
        var error = Assert.Single(errors);
        Assert.Equal("entry.rule", error.Field);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Rule_objects_nested_too_deep_are_refused_and_sane_nesting_still_works()
    {
        // Deeper than JSON documents read from outside may be (64): a config built in code is checked too.
        string deep = "\"close > 1\"";
        for (int i = 0; i < 70; i++) deep = $"{{\"not\": {deep}}}";
        var error = Assert.Single(BotConfigValidator.Validate(new BotConfig { Name = "x", Symbols = new() { "SPY" }, Entry = new SignalRule { Rule = JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 256 }).RootElement } }));
        Assert.StartsWith("entry.rule", error.Field);
        Assert.Contains("deeper than 64", error.Message);

        Assert.Empty(BotConfigValidator.Validate(WithEntry("((close - -1) * 2) > -(-(open)) and not close < 1")));
    }

    [Fact]
    public async Task Over_the_api_and_the_cli_it_is_a_400_and_one_line()
    {
        string rule = new string('(', 15_000) + "close" + new string(')', 15_000) + " > 1";
        var json = WithEntry(rule).ToJson();
        await using (var app = await TestApp.StartAsync("--Trading:DemoBots=false"))
        {
            using var http = app.CreateClient();
            using var response = await http.PostAsync("api/bots", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("entry.rule", await response.Content.ReadAsStringAsync());
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("tb-rule-").FullName, "hostile.json");
        await File.WriteAllTextAsync(file, json);
        var stderr = new StringWriter();
        int code = await CliRunner.RunAsync(["backtest", "--data", SpxFixture.BarsPath, "--symbol", "SPX", "--strategy", file], TextWriter.Null, stderr);
        Assert.Equal(2, code);
        Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.Contains("entry.rule", stderr.ToString());
    }
}
