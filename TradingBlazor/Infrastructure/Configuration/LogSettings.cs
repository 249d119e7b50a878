namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>Log files. Levels come from the standard "Serilog:MinimumLevel" section.</summary>
public sealed class LogSettings : ISettings
{
    public static string Section => "Logs";

    /// <summary>Directory for log files; empty means "logs" under Storage:DataDirectory.</summary>
    public string? Directory { get; set; }

    /// <summary>Daily files kept per log before the oldest is deleted.</summary>
    public int RetainedDays { get; set; } = 30;

    /// <summary>Whether to write the human-readable console log.</summary>
    public bool Console { get; set; } = true;

    public string ResolveDirectory(StorageSettings storage) =>
        string.IsNullOrWhiteSpace(Directory) ? Path.Combine(storage.DataDirectoryPath, "logs") : Path.GetFullPath(Directory);

    public IEnumerable<string> Validate()
    {
        if (RetainedDays is < 1 or > 3650)
            yield return $"Logs:RetainedDays must be between 1 and 3650 (got {RetainedDays}).";
    }
}
