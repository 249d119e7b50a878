using System.Text.Json;

namespace TradingBlazor.Api;

// What the REST API answers, as named types so that the OpenAPI document describes every response.

public sealed record SessionView(DateOnly Date, DateTime OpenUtc, DateTime CloseUtc, string OpenEastern, string CloseEastern, bool EarlyClose);

public sealed record MarketStatusView(DateTime At, string Phase, bool IsOpen, SessionView? Session, DateTime NextOpen, DateTime NextClose, string? Holiday);

public sealed record SessionsView(DateOnly From, DateOnly To, int TradingDays, IReadOnlyList<SessionView> Sessions);

public sealed record BacktestStarted(long Id, string Status, string Url);

public sealed record BacktestRunItem(long Id, string Name, string Symbols, string Timeframe, DateTime From, DateTime To, string Source, string Status,
    string? Error, DateTime CreatedAt, DateTime? FinishedAt, decimal? FinalEquity, double? Progress);

/// <summary>A run with its exact request and (when finished) its summary of metrics.</summary>
public sealed record BacktestRunDetails(long Id, string Name, string Symbols, string Timeframe, DateTime From, DateTime To, string Source, string Status,
    string? Error, DateTime CreatedAt, DateTime? FinishedAt, double Progress, JsonElement Request, JsonElement? Summary);

public sealed record EquityPointView(DateTime T, decimal E);
