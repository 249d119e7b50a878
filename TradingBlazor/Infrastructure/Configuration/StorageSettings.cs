namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>Where TradingBlazor keeps its files: the SQLite database and, by default, the logs.</summary>
public sealed class StorageSettings : ISettings
{
    public static string Section => "Storage";

    /// <summary>Directory for the database and logs; relative paths are resolved from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite file name (or absolute path).</summary>
    public string DatabaseFile { get; set; } = "tradingblazor.db";

    public string DataDirectoryPath => Path.GetFullPath(DataDirectory);
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectoryPath, DatabaseFile));

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
            yield return "Storage:DataDirectory must name a directory (default: data).";
        else if (DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            yield return $"Storage:DataDirectory '{DataDirectory}' is not a valid path.";
        if (string.IsNullOrWhiteSpace(DatabaseFile))
            yield return "Storage:DatabaseFile must name a file (default: tradingblazor.db).";
    }
}
