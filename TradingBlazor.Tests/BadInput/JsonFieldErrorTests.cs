using System.Text.Json;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Tests.BadInput;

/// <summary>Serializer failures become a field and a message for the document's author, without C# type names.</summary>
public class JsonFieldErrorTests
{
    [Theory]
    [InlineData("""{ "capital": "lots" }""", "capital", "must be a number within range.")]
    [InlineData("""{ "name": 5 }""", "name", "must be a string of valid text (no unpaired surrogates).")]
    [InlineData("""{ "name": "A\ud800" }""", "name", "must be a string of valid text (no unpaired surrogates).")]
    [InlineData("""{ "symbols": "SPY" }""", "symbols", "must be an array.")]
    [InlineData("""{ "symbols": [1] }""", "symbols[0]", "must be a string of valid text (no unpaired surrogates).")]
    [InlineData("""{ "risk": null }""", "risk", "must not be null.")]
    [InlineData("""{ "risk": 3 }""", "risk", "must be an object.")]
    [InlineData("""{ "risk": { "position_sizing": 7 } }""", "risk.position_sizing", "must be one of all_in, fixed_fraction, fixed_amount, atr.")]
    [InlineData("""{ "risk": { "position_sizing": "7" } }""", "risk.position_sizing", "must be one of all_in, fixed_fraction, fixed_amount, atr.")]
    [InlineData("""{ "execution": { "mode": 5 } }""", "execution.mode", "must be one of auto, manual, hybrid.")]
    [InlineData("""{ "risk": { "max_open_positions": 1e40 } }""", "risk.max_open_positions", "must be a whole number within range.")]
    [InlineData("""{ "risk": { "fractional_shares": "yes" } }""", "risk.fractional_shares", "must be true or false.")]
    [InlineData("""{ "parameters": [] }""", "parameters", "must be an object.")]
    public void A_bot_document_names_the_field_and_what_it_must_be(string json, string field, string message)
    {
        var ex = Assert.Throws<BotConfigException>(() => BotConfig.Parse(json));
        Assert.Equal((field, message), (ex.Field, ex.Problem));
    }

    [Theory]
    [InlineData("""{ "config": {}, "fill_timing": 5 }""", "fill_timing", "must be one of next_open, same_close.")]
    [InlineData("""{ "config": {}, "source": 99 }""", "source", "must be one of simulated, store.")]
    [InlineData("""{ "config": {}, "from": "soon" }""", "from", "must be a date in the form yyyy-MM-dd.")]
    [InlineData("""{ "from": "2024-01-01" }""", "config", "is required.")]
    [InlineData("""{ "config": {""", "config", "is not valid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.")]
    [InlineData("""{ "config": {}, "capital": x }""", "capital", "is not valid JSON: 'x' is an invalid start of a value.")]
    public void A_backtest_request_names_the_field_and_what_it_must_be(string json, string field, string message)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BacktestRequest>(json, BacktestRequest.Json));
        Assert.Equal(new ConfigError(field, message), JsonFieldError.Of(ex));
    }

    [Theory]
    [InlineData("""{ "url": 5 }""", "url", "must be a string of valid text (no unpaired surrogates).")]
    [InlineData("""{ "url": {} }""", "url", "must be a string of valid text (no unpaired surrogates).")]
    public void A_body_read_with_the_web_defaults_names_the_field(string json, string field, string message)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TradingBlazor.Api.AlertEndpoints.WebhookSetting>(json, JsonSerializerOptions.Web));
        Assert.Equal(new ConfigError(field, message), JsonFieldError.Of(ex));
    }
}
