using System.Text.Json;
using System.Text.Json.Serialization;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Strategies.Config;

/// <summary>
/// A bot, as one versioned JSON document (snake_case) shared by the UI, the API, the CLI and the store.
/// Validate with <see cref="BotConfigValidator"/>, which names every bad field.
/// </summary>
public sealed record BotConfig
{
    public const int CurrentVersion = 1;
    /// <summary>Longest document (characters): a bot is a page of settings; anything larger is refused before parsing.</summary>
    public const int MaxDocumentLength = 64 * 1024;

    public int Version { get; init; } = CurrentVersion;
    public string Name { get; init; } = "";
    public List<string> Symbols { get; init; } = new();
    /// <summary>Capital allocated to the bot; it never uses more (zero leverage).</summary>
    public decimal Capital { get; init; } = 10_000m;
    /// <summary>Bar size the strategy runs on: 1m, 5m, 15m, 1h, 1d.</summary>
    public string Timeframe { get; init; } = "1m";
    /// <summary>How often the live bot evaluates (defaults to every bar of the timeframe).</summary>
    public string? CheckEvery { get; init; }
    /// <summary>New entries only inside this New York window (intraday timeframes); exits are always allowed.</summary>
    public TradingWindow TradingWindow { get; init; } = new();
    /// <summary>Indicator specs, e.g. "rsi(14)", "macd(12,26,9)". Their outputs become rule variables (rsi_14, macd_12_26_9_signal, or short names).</summary>
    public List<string> Indicators { get; init; } = new();
    /// <summary>Strategy plug-in id; "rules" evaluates <see cref="Entry"/> and <see cref="Exit"/>.</summary>
    public string Strategy { get; init; } = "rules";
    /// <summary>Parameters for a code strategy plug-in.</summary>
    public Dictionary<string, double> Parameters { get; init; } = new();
    public SignalRule? Entry { get; init; }
    public SignalRule? Exit { get; init; }
    public RiskSettings Risk { get; init; } = new();
    public ExecutionSettings Execution { get; init; } = new();

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Names only: "fill_timing": 5 is a mistake, not the sixth timing.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        // "risk": null is an error naming the field, not a null the validator trips over.
        RespectNullableAnnotations = true,
    };

    /// <summary>Parses a config; malformed JSON becomes a <see cref="BotConfigException"/> naming the path.</summary>
    public static BotConfig Parse(string json)
    {
        if (json.Length > MaxDocumentLength)
            throw new BotConfigException("$", $"The document is {json.Length:N0} characters long; a bot config may have at most {MaxDocumentLength:N0}.");
        try
        {
            return JsonSerializer.Deserialize<BotConfig>(json, Json) ?? throw new BotConfigException("$", "The document is empty.");
        }
        catch (JsonException ex)
        {
            var error = JsonFieldError.Of(ex);
            throw new BotConfigException(error.Field, error.Message);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The file an export is saved as: "RSI mean reversion" → "rsi_mean_reversion.json".</summary>
    public string ExportFileName()
    {
        var words = new string(Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (words.Length == 0 ? "bot" : string.Join('_', words)) + ".json";
    }
}

public sealed record TradingWindow
{
    public string Start { get; init; } = "09:30";
    public string End { get; init; } = "12:00";
}

/// <summary>A rule and the confidence a signal from it carries (hybrid bots execute at or above their threshold).</summary>
public sealed record SignalRule
{
    /// <summary>A rule: an expression string ("rsi_14 &lt; 30") or an object ({"all": [...]}, {"any": [...]}, {"not": ...}, {"for_bars": 3, "rule": ...}).</summary>
    public JsonElement Rule { get; init; }
    public double Confidence { get; init; } = 1.0;
}

public enum PositionSizing
{
    AllIn,
    FixedFraction,
    FixedAmount,
    Atr,
}

/// <summary>Risk limits. Fractions are of the bot's current equity (allocated capital plus its P&amp;L) unless stated.</summary>
public sealed record RiskSettings
{
    public PositionSizing PositionSizing { get; init; } = PositionSizing.FixedFraction;
    /// <summary>Fixed fraction: share of capital per new position (default: max_position_size).</summary>
    public decimal? PositionFraction { get; init; }
    /// <summary>Fixed amount per new position.</summary>
    public decimal? PositionAmount { get; init; }
    /// <summary>ATR sizing: capital fraction risked per trade, with the stop <see cref="AtrStopMultiple"/> ATRs away.</summary>
    public decimal RiskPerTrade { get; init; } = 0.01m;
    public decimal AtrStopMultiple { get; init; } = 2m;
    public int AtrPeriod { get; init; } = 14;

    public decimal? StopLoss { get; init; }
    public decimal? StopLossAtr { get; init; }
    public decimal? TakeProfit { get; init; }
    public decimal? TakeProfitAtr { get; init; }
    public decimal? TrailingStop { get; init; }
    public decimal? TrailingStopAtr { get; init; }

    public int MaxOpenPositions { get; init; } = 5;
    /// <summary>Largest position as a share of capital.</summary>
    public decimal MaxPositionSize { get; init; } = 1m;
    /// <summary>Loss (realized + unrealized) in one session, as a share of capital, that halts new entries until the next session.</summary>
    public decimal? MaxDailyLoss { get; init; }
    /// <summary>Drawdown from the equity peak, as a share, that halts the bot (reduce-only).</summary>
    public decimal? MaxDrawdown { get; init; }
    /// <summary>Total market value of positions as a share of capital.</summary>
    public decimal MaxExposure { get; init; } = 1m;
    public bool FractionalShares { get; init; }
    /// <summary>No overnight positions: flatten before the close (null: on for intraday timeframes, off for daily).</summary>
    public bool? FlatBeforeClose { get; init; }
    /// <summary>How long before the session's close to flatten (5: 15:55 ET, 12:55 on an early close).</summary>
    public int FlattenMinutesBeforeClose { get; init; } = 5;
}

/// <summary>How signals become orders; hybrid (the default) lets confident signals through and asks about the rest.</summary>
public sealed record ExecutionSettings
{
    public ExecutionMode Mode { get; init; } = ExecutionMode.Hybrid;
    /// <summary>Hybrid: a signal at or above this confidence executes.</summary>
    public double AutoThreshold { get; init; } = 0.80;
    /// <summary>Hybrid: at or above this (and below the auto threshold) a signal waits for approval; below it, it is only stored.</summary>
    public double ApprovalThreshold { get; init; } = 0.70;
    /// <summary>The first documents' single threshold ("execute at or above, ask below"): read as the auto threshold.</summary>
    public double? ConfidenceThreshold { get; init; }
    /// <summary>An approval not decided within this many minutes expires (entries also at the end of the trading window).</summary>
    public int ApprovalTimeoutMinutes { get; init; } = 5;
    /// <summary>An approval is refused when the price has moved more than this fraction from the signal's price.</summary>
    public decimal MaxPriceDrift { get; init; } = 0.01m;

    public double EffectiveAutoThreshold => ConfidenceThreshold ?? AutoThreshold;
    public double EffectiveApprovalThreshold => Math.Min(ApprovalThreshold, EffectiveAutoThreshold);
}

/// <summary>A config problem at a field path (e.g. "risk.stop_loss").</summary>
public sealed class BotConfigException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
    public string Problem { get; } = message;
}
