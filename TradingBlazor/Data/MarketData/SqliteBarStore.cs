using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data.Conversion;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Data.MarketData;

/// <summary>
/// The price_bars table. Writes are one prepared INSERT … ON CONFLICT DO UPDATE per bar inside one transaction
/// (re-imports upsert, never duplicate; an exception while the bars are enumerated rolls all of them back); reads go straight through a data reader, because a chart loading a year
/// of 1-minute bars (~98,000 rows) should not pay for change tracking.
/// </summary>
public sealed class SqliteBarStore : IBarStore
{
    private readonly IDbContextFactory<TradingDbContext> _contexts;

    public SqliteBarStore(IDbContextFactory<TradingDbContext> contexts) => _contexts = contexts;

    public async Task<int> UpsertAsync(IEnumerable<Bar> bars, CancellationToken ct = default)
    {
        using var pending = bars.GetEnumerator();
        if (!pending.MoveNext()) return 0;
        await using var db = await _contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        long before = await CountAsync(connection, ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO price_bars (symbol, timeframe, timestamp, open, high, low, close, volume, vwap, trade_count)
            VALUES ($symbol, $timeframe, $timestamp, $open, $high, $low, $close, $volume, $vwap, $trades)
            ON CONFLICT (symbol, timeframe, timestamp) DO UPDATE SET
              open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
              volume = excluded.volume, vwap = excluded.vwap, trade_count = excluded.trade_count
            """;
        var p = new[] { "$symbol", "$timeframe", "$timestamp", "$open", "$high", "$low", "$close", "$volume", "$vwap", "$trades" }
            .Select(name => { var parameter = command.CreateParameter(); parameter.ParameterName = name; command.Parameters.Add(parameter); return parameter; })
            .ToArray();
        do
        {
            var bar = pending.Current;
            p[0].Value = bar.Symbol;
            p[1].Value = bar.Timeframe.Code;
            p[2].Value = bar.StartUnixMs;
            p[3].Value = Money(bar.Open);
            p[4].Value = Money(bar.High);
            p[5].Value = Money(bar.Low);
            p[6].Value = Money(bar.Close);
            p[7].Value = ScaledDecimal.ToScaled(bar.Volume, ScaledDecimal.VolumeScale);
            p[8].Value = bar.Vwap is { } vwap ? Money(vwap) : DBNull.Value;
            p[9].Value = bar.TradeCount is { } trades ? trades : DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
        while (pending.MoveNext());
        await transaction.CommitAsync(ct);
        return (int)(await CountAsync(connection, ct) - before);
    }

    public async Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT timestamp, open, high, low, close, volume, vwap, trade_count FROM price_bars
            WHERE symbol = $symbol AND timeframe = $timeframe AND timestamp >= $from AND timestamp < $to
            ORDER BY timestamp
            """;
        Add(command, "$symbol", symbol);
        Add(command, "$timeframe", timeframe.Code);
        Add(command, "$from", StorageConverters.UtcMilliseconds.ConvertToProvider(fromUtc)!);
        Add(command, "$to", StorageConverters.UtcMilliseconds.ConvertToProvider(toUtc)!);
        var bars = new List<Bar>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            bars.Add(new Bar(symbol, timeframe,
                DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(0)),
                FromMoney(reader.GetInt64(1)), FromMoney(reader.GetInt64(2)), FromMoney(reader.GetInt64(3)), FromMoney(reader.GetInt64(4)),
                ScaledDecimal.FromScaled(reader.GetInt64(5), ScaledDecimal.VolumeScale),
                reader.IsDBNull(6) ? null : FromMoney(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }
        return bars;
    }

    public async Task<IReadOnlyList<StoredSeries>> ListSeriesAsync(CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT symbol, timeframe, COUNT(*), MIN(timestamp), MAX(timestamp) FROM price_bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe";
        var result = new List<StoredSeries>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new StoredSeries(reader.GetString(0), Timeframe.Parse(reader.GetString(1)), reader.GetInt32(2),
                DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(3)), DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(4))));
        return result;
    }

    private static long Money(decimal value) => ScaledDecimal.ToScaled(value, ScaledDecimal.MoneyScale);
    private static decimal FromMoney(long value) => ScaledDecimal.FromScaled(value, ScaledDecimal.MoneyScale);

    private static async Task<long> CountAsync(DbConnection connection, CancellationToken ct)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM price_bars";
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
