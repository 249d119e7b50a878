using TradingBlazor.Adapters.Csv;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Engine.MarketData;

/// <summary>What an import did: rows read, bars stored (new vs. already present), and every rejected row with its reason.</summary>
public sealed record ImportReport(string Symbol, string Format, Timeframe? Timeframe, int Accepted, int Added, IReadOnlyList<RejectedRow> Rejected, DateTime? FirstUtc, DateTime? LastUtc)
{
    public int Updated => Accepted - Added;
}

/// <summary>
/// CSV → validated bars → the store (upsert, so re-importing the same file adds nothing). Used by the UI upload and the CLI.
/// The bars stream from the reader into the store's single transaction, so memory does not grow with the file, and a file
/// that fails part-way (a runaway row) stores nothing.
/// </summary>
public sealed class BarImportService
{
    private readonly IBarStore _store;

    public BarImportService(IBarStore store) => _store = store;

    public async Task<ImportReport> ImportAsync(TextReader csv, string symbol, Timeframe? timeframe, CancellationToken ct = default)
    {
        symbol = NormalizeSymbol(symbol);
        using var rows = new BarCsvRows(csv, symbol, timeframe);
        int added = await _store.UpsertAsync(rows.Bars(), ct);
        return new ImportReport(symbol, rows.Format, rows.First?.Timeframe ?? timeframe, rows.Accepted, added, rows.Rejected,
            rows.First?.StartUtc, rows.Last?.StartUtc);
    }

    /// <summary>Upper-case letters, digits, '.', '-'; at most 12 characters.</summary>
    public static string NormalizeSymbol(string symbol)
    {
        var s = symbol.Trim().ToUpperInvariant();
        if (s.Length is 0 or > 12 || !s.All(c => char.IsLetterOrDigit(c) || c is '.' or '-'))
            throw new FormatException($"'{symbol}' is not a valid symbol (letters, digits, '.' or '-', at most 12).");
        return s;
    }
}
