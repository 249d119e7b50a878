using System.Reflection;

namespace TradingBlazor.Tests.Support;

/// <summary>Paths baked into the test assembly at build time, and per-test scratch directories.</summary>
public static class TestPaths
{
    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepositoryRoot => Path.GetFullPath(Metadata("RepositoryRoot"));
    public static string AppProjectDirectory => Path.Combine(RepositoryRoot, "TradingBlazor");
    public static string AppOutputDirectory => Path.GetFullPath(Metadata("AppOutputDirectory"));
    public static string FixturesDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));

    /// <summary>Screenshots and other artifacts a person should look at after a run.</summary>
    public static string Artifacts(string kind)
    {
        var dir = Path.Combine(RepositoryRoot, "artifacts", kind);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A fresh empty directory under the system temp folder.</summary>
    public static string NewTempDirectory(string prefix = "tb-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
