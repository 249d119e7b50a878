using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TradingBlazor.Data.Conversion;

/// <summary>Value converters that define how domain values are laid out in SQLite.</summary>
public static class StorageConverters
{
    public static readonly ValueConverter<decimal, long> Money = Scaled(ScaledDecimal.MoneyScale);
    public static readonly ValueConverter<decimal, long> Quantity = Scaled(ScaledDecimal.QuantityScale);
    public static readonly ValueConverter<decimal, long> Volume = Scaled(ScaledDecimal.VolumeScale);

    /// <summary>UTC instants as Unix milliseconds: sortable, comparable and readable from raw SQL.</summary>
    public static readonly ValueConverter<DateTime, long> UtcMilliseconds = new(
        v => UnixMilliseconds(v),
        v => DateTime.UnixEpoch.AddMilliseconds(v));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>A string-keyed numeric snapshot (indicator values) stored as a JSON object.</summary>
    public static readonly ValueConverter<Dictionary<string, double?>, string> NumericSnapshot = new(
        v => JsonSerializer.Serialize(v, JsonOptions),
        v => JsonSerializer.Deserialize<Dictionary<string, double?>>(v, JsonOptions) ?? new Dictionary<string, double?>());

    public static readonly ValueComparer<Dictionary<string, double?>> NumericSnapshotComparer = new(
        (a, b) => a!.Count == b!.Count && a.All(kv => b.ContainsKey(kv.Key) && Equals(b[kv.Key], kv.Value)),
        v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
        v => new Dictionary<string, double?>(v));

    private static ValueConverter<decimal, long> Scaled(int scale) => new(
        ToScaledExpression(scale),
        v => ScaledDecimal.FromScaled(v, scale));

    private static Expression<Func<decimal, long>> ToScaledExpression(int scale) => v => ScaledDecimal.ToScaled(v, scale);

    private static long UnixMilliseconds(DateTime value)
    {
        if (value.Kind != DateTimeKind.Utc)
            throw new ArgumentException($"Only UTC instants are stored; got DateTimeKind.{value.Kind}.", nameof(value));
        // Sub-millisecond digits are dropped on purpose: every timestamp we keep is at most millisecond-precise.
        return (value.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }
}
