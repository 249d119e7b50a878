using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TradingBlazor.Data;

/// <summary>Lets dotnet-ef build the model for migrations without starting the app.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<TradingDbContext>
{
    public TradingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TradingDbContext>();
        DataServices.Configure(options, Path.Combine(Path.GetTempPath(), "tradingblazor-design.db"));
        return new TradingDbContext(options.Options);
    }
}
