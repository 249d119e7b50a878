using Microsoft.Data.Sqlite;

namespace TradingBlazor.Data;

/// <summary>A SQLite store as files: the database and, in WAL mode, its -wal and -shm companions.</summary>
public static class SqliteFiles
{
    private static readonly string[] Companions = { "", "-wal", "-shm" };

    /// <summary>Closes the pooled connections (every store's: the pool cannot close one file's) so the files can move.</summary>
    public static void ClosePooled() => SqliteConnection.ClearAllPools();

    public static void Delete(string path)
    {
        foreach (var suffix in Companions) File.Delete(path + suffix);
    }

    /// <summary>Moves a closed store; refuses to replace one that exists.</summary>
    public static void Move(string from, string to)
    {
        foreach (var suffix in Companions)
            if (File.Exists(from + suffix)) File.Move(from + suffix, to + suffix);
    }
}
