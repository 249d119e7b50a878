using TradingBlazor.Engine.Backtesting;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data.Conversion;
using TradingBlazor.Data.Entities;

namespace TradingBlazor.Data;

/// <summary>
/// The SQLite store. Storage conventions (see <see cref="StorageConverters"/>): money and quantities are scaled
/// integers, instants are UTC Unix milliseconds, enums are their names, tables and columns are snake_case.
/// </summary>
public sealed class TradingDbContext : DbContext
{
    public TradingDbContext(DbContextOptions<TradingDbContext> options) : base(options) { }

    public DbSet<BotRecord> Bots => Set<BotRecord>();
    public DbSet<OrderRecord> Orders => Set<OrderRecord>();
    public DbSet<FillRecord> Fills => Set<FillRecord>();
    public DbSet<TradeRecord> Trades => Set<TradeRecord>();
    public DbSet<SignalRecord> Signals => Set<SignalRecord>();
    public DbSet<PositionRecord> Positions => Set<PositionRecord>();
    public DbSet<PriceBarRecord> PriceBars => Set<PriceBarRecord>();
    public DbSet<BacktestRunRecord> BacktestRuns => Set<BacktestRunRecord>();
    public DbSet<AppSettingRecord> AppSettings => Set<AppSettingRecord>();
    public DbSet<ApprovalRecord> Approvals => Set<ApprovalRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<ModelTrainingRecord> ModelTrainings => Set<ModelTrainingRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<AppSettingRecord>(e =>
        {
            e.ToTable("app_settings");
            e.HasKey(x => x.Key);
        });
        model.Entity<BotRecord>(e =>
        {
            e.ToTable("bots");
            e.HasIndex(b => b.Name).IsUnique();
        });
        model.Entity<OrderRecord>(e =>
        {
            e.ToTable("orders");
            e.HasIndex(o => o.ClientOrderId).IsUnique();
            e.HasIndex(o => o.BrokerOrderId);
            e.HasIndex(o => new { o.BotId, o.Status });
            e.HasMany(o => o.Fills).WithOne(f => f.Order!).HasForeignKey(f => f.OrderId);
        });
        model.Entity<FillRecord>(e =>
        {
            e.ToTable("fills");
            e.HasIndex(f => f.ExecutionId).IsUnique();
        });
        model.Entity<TradeRecord>(e =>
        {
            e.ToTable("trades");
            e.HasIndex(t => new { t.BotId, t.EntryAt });
            e.Property(t => t.IndicatorSnapshot).HasConversion(StorageConverters.NumericSnapshot, StorageConverters.NumericSnapshotComparer);
        });
        model.Entity<SignalRecord>(e =>
        {
            e.ToTable("signals");
            e.HasIndex(s => new { s.BotId, s.Timestamp });
            e.Property(s => s.Values).HasConversion(StorageConverters.NumericSnapshot, StorageConverters.NumericSnapshotComparer);
        });
        model.Entity<PositionRecord>(e =>
        {
            e.ToTable("positions");
            e.HasIndex(p => new { p.BotId, p.Symbol }).IsUnique();
        });
        model.Entity<ApprovalRecord>(e =>
        {
            e.ToTable("approvals");
            e.HasIndex(a => a.ClientOrderId).IsUnique();
            e.HasIndex(a => new { a.Status, a.ExpiresAt });
            e.Property(a => a.Values).HasConversion(StorageConverters.NumericSnapshot, StorageConverters.NumericSnapshotComparer);
        });
        model.Entity<PriceBarRecord>(e =>
        {
            e.ToTable("price_bars");
            e.HasIndex(b => new { b.Symbol, b.Timeframe, b.Timestamp }).IsUnique();
        });

        model.Entity<BacktestRunRecord>(e =>
        {
            e.ToTable("backtest_runs");
            e.HasIndex(r => r.CreatedAt);
            e.Property(r => r.Status).HasConversion(s => s.Code(), code => BacktestStatuses.Parse(code));
        });
        model.Entity<ModelTrainingRecord>(e =>
        {
            e.ToTable("model_trainings");
            e.HasIndex(r => r.Status);
            e.Property(r => r.Status).HasConversion(s => s.Code(), code => BacktestStatuses.Parse(code));
        });
        model.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("api_keys");
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasIndex(k => k.Prefix);
        });

        ApplyStorageConventions(model);
    }

    private static void ApplyStorageConventions(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(decimal))
                    property.SetValueConverter(property.Name == "Volume" ? StorageConverters.Volume
                        : IsQuantity(property.Name) ? StorageConverters.Quantity : StorageConverters.Money);
                else if (type == typeof(DateTime))
                    property.SetValueConverter(StorageConverters.UtcMilliseconds);
                else if (type.IsEnum)
                    property.SetProviderClrType(typeof(string));
            }
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName($"ix_{entity.GetTableName()}_{string.Join("_", index.Properties.Select(p => SnakeCase(p.Name)))}");
        }
    }

    // Quantities keep 9 fractional digits (fractional shares), money 8, bar volume 4.
    private static bool IsQuantity(string propertyName) => propertyName.EndsWith("Quantity", StringComparison.Ordinal);

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
