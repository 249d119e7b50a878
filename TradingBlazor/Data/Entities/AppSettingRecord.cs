namespace TradingBlazor.Data.Entities;

/// <summary>A choice the trader made in the UI that must survive a restart (never a secret: those stay in the environment).</summary>
public sealed class AppSettingRecord
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
