using System.Globalization;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Api;

/// <summary>
/// The query parameters the trading-record lists share (bot, symbol, from, to, n), checked into a
/// <see cref="TradingFilter"/>; every bad value is reported under its parameter's name.
/// </summary>
internal static class TradingQuery
{
    private static readonly string[] IsoFormats =
    {
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    };

    public static (TradingFilter? Filter, IResult? Problem) Parse(HttpRequest request, int defaultLimit, int maxLimit, long? botId = null)
    {
        var errors = new Dictionary<string, string[]>();
        var query = request.Query;
        if (botId is null && query.TryGetValue("bot", out var bot))
            botId = long.TryParse(bot, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
                : Fail<long?>(errors, "bot", $"'{bot}' is not a bot id (a whole number).");
        string? symbol = null;
        if (query.TryGetValue("symbol", out var s))
        {
            symbol = s.ToString().Trim().ToUpperInvariant();
            if (symbol.Length is 0 or > 20 || !symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/'))
                symbol = Fail<string?>(errors, "symbol", $"'{s}' is not a symbol (letters, digits, '.', '-' or '/').");
        }
        var from = Time(query, "from", errors);
        var to = Time(query, "to", errors);
        if (from is not null && to is not null && to < from) errors["to"] = new[] { "must not be before 'from'." };
        int limit = defaultLimit;
        if (query.TryGetValue("n", out var n) && !(int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= maxLimit))
            errors["n"] = new[] { $"'{n}' is not a count between 1 and {maxLimit}." };
        return errors.Count > 0 ? (null, Results.ValidationProblem(errors)) : (new TradingFilter(botId, symbol, from, to, limit), null);
    }

    /// <summary>ISO 8601 dates or times; without an offset they are UTC.</summary>
    private static DateTime? Time(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var value)) return null;
        if (DateTimeOffset.TryParseExact(value.ToString().Trim(), IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t.UtcDateTime;
        // A '+' offset arrives as a space unless the client escaped it as %2B.
        return Fail<DateTime?>(errors, name, $"'{value}' is not an ISO 8601 date or time (e.g. 2025-03-12 or 2025-03-12T14:30:00Z; escape '+' as %2B).");
    }

    private static T Fail<T>(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = new[] { message };
        return default!;
    }
}
