using System.Text.Json.Serialization;

namespace TradingBlazor.Adapters.Alpaca;

// Wire models. Enum-like fields stay strings so that values Alpaca adds later (e.g. order status "held") never break
// parsing; the mapping to our domain happens in one place (AlpacaMapping).

public sealed record AlpacaAccount
{
    public string Id { get; init; } = "";
    public string? AccountNumber { get; init; }
    public string Status { get; init; } = "";
    public string? Currency { get; init; }
    public decimal? Cash { get; init; }
    public decimal? Equity { get; init; }
    public decimal? LastEquity { get; init; }
    public decimal? BuyingPower { get; init; }
    public decimal? LongMarketValue { get; init; }
    public decimal? Multiplier { get; init; }
    public int? DaytradeCount { get; init; }
    public bool PatternDayTrader { get; init; }
    public bool TradingBlocked { get; init; }
    public bool AccountBlocked { get; init; }
}

public sealed record AlpacaClock(DateTime Timestamp, bool IsOpen, DateTime NextOpen, DateTime NextClose);

public sealed record AlpacaLegPrice
{
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
}

/// <summary>POST /v2/orders body.</summary>
public sealed record AlpacaOrderRequest
{
    public required string Symbol { get; init; }
    public decimal? Qty { get; init; }
    public decimal? Notional { get; init; }
    public required string Side { get; init; }
    public required string Type { get; init; }
    public required string TimeInForce { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    public bool? ExtendedHours { get; init; }
    public required string ClientOrderId { get; init; }
    public string? OrderClass { get; init; }
    public AlpacaLegPrice? TakeProfit { get; init; }
    public AlpacaLegPrice? StopLoss { get; init; }
}

public sealed record AlpacaOrder
{
    public string Id { get; init; } = "";
    public string ClientOrderId { get; init; } = "";
    public DateTime? CreatedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public DateTime? FilledAt { get; init; }
    public DateTime? CanceledAt { get; init; }
    public string Symbol { get; init; } = "";
    public decimal? Qty { get; init; }
    public decimal? Notional { get; init; }
    public decimal FilledQty { get; init; }
    public decimal? FilledAvgPrice { get; init; }
    public string? OrderClass { get; init; }
    public string Type { get; init; } = "";
    public string Side { get; init; } = "";
    public string TimeInForce { get; init; } = "";
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    public string Status { get; init; } = "";
    public bool ExtendedHours { get; init; }
    public string? Replaces { get; init; }
    public string? ReplacedBy { get; init; }
    public List<AlpacaOrder>? Legs { get; init; }
}

public sealed record AlpacaPosition
{
    public string Symbol { get; init; } = "";
    public decimal Qty { get; init; }
    public decimal? QtyAvailable { get; init; }
    public decimal AvgEntryPrice { get; init; }
    public string Side { get; init; } = "";
    public decimal? MarketValue { get; init; }
    public decimal? CostBasis { get; init; }
    public decimal? UnrealizedPl { get; init; }
    public decimal? CurrentPrice { get; init; }
}

/// <summary>A market-data bar: numbers, not strings; t = bar start.</summary>
public sealed record AlpacaBar(
    [property: JsonPropertyName("t")] DateTime T,
    [property: JsonPropertyName("o")] decimal O,
    [property: JsonPropertyName("h")] decimal H,
    [property: JsonPropertyName("l")] decimal L,
    [property: JsonPropertyName("c")] decimal C,
    [property: JsonPropertyName("v")] decimal V,
    [property: JsonPropertyName("n")] long? N,
    [property: JsonPropertyName("vw")] decimal? Vw);

public sealed record AlpacaBarsPage
{
    public List<AlpacaBar>? Bars { get; init; }
    public string? Symbol { get; init; }
    public string? NextPageToken { get; init; }
}

public sealed record AlpacaMultiBarsPage
{
    public Dictionary<string, List<AlpacaBar>>? Bars { get; init; }
    public string? NextPageToken { get; init; }
}

public sealed record AlpacaErrorBody(int? Code, string? Message);

/// <summary>PATCH /v2/orders/{id} body: only the fields to change.</summary>
public sealed record AlpacaReplaceRequest
{
    public decimal? Qty { get; init; }
    public string? TimeInForce { get; init; }
    public decimal? LimitPrice { get; init; }
    public decimal? StopPrice { get; init; }
    public decimal? Trail { get; init; }
    public string? ClientOrderId { get; init; }
}

/// <summary>One entry of a 207 Multi-Status answer (bulk cancel: id; close all positions: symbol).</summary>
public sealed record AlpacaMultiStatus<T>
{
    public string? Id { get; init; }
    public string? Symbol { get; init; }
    public int Status { get; init; }
    public T? Body { get; init; }
}

/// <summary>An account activity; for FILL: one execution with the order's cumulative quantity after it.</summary>
public sealed record AlpacaActivity
{
    public string Id { get; init; } = "";
    public string ActivityType { get; init; } = "";
    public DateTime? TransactionTime { get; init; }
    public string? Type { get; init; }
    public decimal? Price { get; init; }
    public decimal? Qty { get; init; }
    public string? Side { get; init; }
    public string? Symbol { get; init; }
    public decimal? LeavesQty { get; init; }
    public string? OrderId { get; init; }
    public decimal? CumQty { get; init; }
    public string? OrderStatus { get; init; }
}

/// <summary>A trading day; open/close are New York wall-clock times ("09:30" or "0930").</summary>
public sealed record AlpacaCalendarDay(string Date, string Open, string Close);

public sealed record AlpacaAsset
{
    public string Id { get; init; } = "";
    public string Class { get; init; } = "";
    public string? Exchange { get; init; }
    public string Symbol { get; init; } = "";
    public string? Name { get; init; }
    public string Status { get; init; } = "";
    public bool Tradable { get; init; }
    public bool Marginable { get; init; }
    public bool Shortable { get; init; }
    public bool EasyToBorrow { get; init; }
    public bool Fractionable { get; init; }
}

public sealed record AlpacaTrade(
    [property: JsonPropertyName("t")] DateTime T,
    [property: JsonPropertyName("x")] string? X,
    [property: JsonPropertyName("p")] decimal P,
    [property: JsonPropertyName("s")] decimal S,
    [property: JsonPropertyName("i")] long? I,
    [property: JsonPropertyName("z")] string? Z);

public sealed record AlpacaQuote(
    [property: JsonPropertyName("t")] DateTime T,
    [property: JsonPropertyName("bp")] decimal Bp,
    [property: JsonPropertyName("bs")] decimal Bs,
    [property: JsonPropertyName("ap")] decimal Ap,
    [property: JsonPropertyName("as")] decimal As);

/// <summary>Snapshot members may be missing or null.</summary>
public sealed record AlpacaSnapshot
{
    [JsonPropertyName("latestTrade")] public AlpacaTrade? LatestTrade { get; init; }
    [JsonPropertyName("latestQuote")] public AlpacaQuote? LatestQuote { get; init; }
    [JsonPropertyName("minuteBar")] public AlpacaBar? MinuteBar { get; init; }
    [JsonPropertyName("dailyBar")] public AlpacaBar? DailyBar { get; init; }
    [JsonPropertyName("prevDailyBar")] public AlpacaBar? PrevDailyBar { get; init; }
}

public sealed record AlpacaLatestTrades(Dictionary<string, AlpacaTrade>? Trades);
public sealed record AlpacaLatestQuotes(Dictionary<string, AlpacaQuote>? Quotes);
public sealed record AlpacaLatestBars(Dictionary<string, AlpacaBar>? Bars);
