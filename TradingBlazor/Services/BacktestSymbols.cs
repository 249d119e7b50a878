using TradingBlazor.Domain.MarketData;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Services;

/// <summary>
/// The symbols a Lab run uses, and whether its data source has them: the form's field says what runs (a sample's
/// symbols, or the simulated stand-in for one the simulation does not quote), and a symbol without data is refused
/// up front with the ones that have some, instead of failing in the queue.
/// </summary>
public static class BacktestSymbols
{
    public static IReadOnlyList<string> Parse(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant()).Distinct().ToList();

    /// <summary>What a config's symbols run on: as they are, except that the simulation stands in its first symbol for one it does not quote.</summary>
    public static IReadOnlyList<string> Suggest(IReadOnlyList<string> configured, BacktestSource source, IReadOnlyList<string> available)
    {
        var upper = configured.Select(s => s.Trim().ToUpperInvariant()).ToList();
        if (source != BacktestSource.Simulated || available.Count == 0) return upper.Distinct().ToList();
        return upper.Select(s => available.Contains(s, StringComparer.OrdinalIgnoreCase) ? s : available[0]).Distinct().ToList();
    }

    /// <summary>Why these symbols cannot run from the source, or null when they can.</summary>
    public static string? Problem(IReadOnlyList<string> symbols, BacktestSource source, Timeframe timeframe, IReadOnlyList<string> available)
    {
        if (symbols.Count == 0) return "Give at least one symbol to run on.";
        var missing = symbols.Where(s => !available.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count == 0) return null;
        var names = string.Join(", ", missing);
        return source == BacktestSource.Simulated
            ? $"The simulated market does not quote {names}; it quotes {string.Join(", ", available)}."
            : available.Count == 0
                ? $"No {timeframe} bars of {names} are stored; import them on the Markets page first."
                : $"No {timeframe} bars of {names} are stored; stored {timeframe}: {string.Join(", ", available)}.";
    }
}
