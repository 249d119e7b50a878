using System.Text;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Api;

/// <summary>
/// The trading records: signals, orders, open positions and round trips (JSON or CSV). Lists take
/// <c>bot</c>, <c>symbol</c>, <c>from</c>, <c>to</c> (ISO 8601, UTC unless an offset is given) and <c>n</c>.
/// </summary>
public static class TradingRecordEndpoints
{
    private const int MaxLimit = 1000;
    private const int MaxCsvRows = 100_000;

    public static void MapTradingRecordEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").WithTags("Trading records");

        group.MapGet("/signals/latest", (HttpContext http, CancellationToken ct) => ListAsync(http, 50, MaxLimit, (q, f) => q.SignalsAsync(f, ct)))
            .Produces<List<SignalView>>().ProducesValidationProblem()
            .WithName("LatestSignals").WithSummary("The latest signals of every bot, newest first (?n=1..1000, default 50).");

        group.MapGet("/bots/{id:long}/signals", (long id, HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<IBotService>(http, async bots =>
                await bots.GetAsync(id, ct) is null
                    ? ApiProblems.NotFound($"No bot {id}.")
                    : await ListAsync(http, 50, MaxLimit, (q, f) => q.SignalsAsync(f, ct), botId: id)))
            .Produces<List<SignalView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("BotSignals").WithSummary("One bot's latest signals, newest first (?n=1..1000, default 50).");

        group.MapGet("/orders", (HttpContext http, CancellationToken ct) => ListAsync(http, 500, MaxLimit, (q, f) => q.OrdersAsync(f, ct)))
            .Produces<List<OrderView>>().ProducesValidationProblem()
            .WithName("ListOrders").WithSummary("Orders, newest first; filters: bot, symbol, from, to, n (1..1000, default 500).");

        group.MapGet("/positions", (HttpContext http, CancellationToken ct) => ListAsync<PositionView>(http, MaxLimit, MaxLimit, async (q, f) =>
                (await q.PositionsAsync(f.BotId, ct)).Where(p => f.Symbol is null || string.Equals(p.Symbol, f.Symbol, StringComparison.OrdinalIgnoreCase)).ToList()))
            .Produces<List<PositionView>>().ProducesValidationProblem()
            .WithName("ListPositions").WithSummary("Open positions by bot, plus broker positions no bot manages; filters: bot, symbol.");

        group.MapGet("/trades", (HttpContext http, CancellationToken ct) => ListAsync(http, 500, MaxLimit, (q, f) => q.TradesAsync(f, ct)))
            .Produces<List<TradeView>>().ProducesValidationProblem()
            .WithName("ListTrades").WithSummary("Round trips, newest first; filters: bot, symbol, from, to, n (1..1000, default 500).");

        group.MapGet("/trades.csv", (HttpContext http, CancellationToken ct) => ApiProblems.WithAsync<ITradingQueries>(http, async queries =>
            {
                var (filter, problem) = TradingQuery.Parse(http.Request, MaxCsvRows, MaxCsvRows);
                if (filter is null) return problem!;
                var csv = TradesCsv.Write(await queries.TradesAsync(filter, ct));
                return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "trades.csv");
            }))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem()
            .WithName("ExportTrades").WithSummary("Round trips as CSV (same filters as /api/trades; n up to 100,000, default all of them).");
    }

    private static Task<IResult> ListAsync<T>(HttpContext http, int defaultLimit, int maxLimit,
        Func<ITradingQueries, TradingFilter, Task<IReadOnlyList<T>>> query, long? botId = null) =>
        ApiProblems.WithAsync<ITradingQueries>(http, async queries =>
        {
            var (filter, problem) = TradingQuery.Parse(http.Request, defaultLimit, maxLimit, botId);
            return filter is null ? problem! : Results.Ok(await query(queries, filter));
        });
}
