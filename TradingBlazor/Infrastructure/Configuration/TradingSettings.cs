namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>The trading engine.</summary>
public sealed class TradingSettings : ISettings
{
    public static string Section => "Trading";

    /// <summary>A fresh database gets two running demo bots on the simulated market (Trading__DemoBots=false: none).</summary>
    public bool DemoBots { get; set; } = true;

    public IEnumerable<string> Validate() => Array.Empty<string>();
}
