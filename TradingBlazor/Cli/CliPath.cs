namespace TradingBlazor.Cli;

/// <summary>A path given on the command line: as typed (for messages) and resolved against <see cref="CallerDirectory"/> (for I/O).</summary>
public sealed record CliPath(string Given, string Full)
{
    /// <summary>
    /// The directory the user ran the command from, which relative paths mean. Usually the working directory, but
    /// <c>dotnet run</c> starts a web project in its project folder (the Web SDK defaults RunWorkingDirectory to
    /// $(MSBuildProjectDirectory) so the app finds its appsettings and wwwroot); only the shell's PWD still names the
    /// caller's directory then. So: running in the source project folder with a PWD naming another directory means PWD.
    /// </summary>
    public static string CallerDirectory { get; } = FindCallerDirectory(Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("PWD"));

    public static CliPath From(string given) => new(given, Path.GetFullPath(given, CallerDirectory));

    /// <summary>The full path of an input file that must exist; else a one-line usage error naming it (and where it was looked for).</summary>
    public string Existing(string what) => File.Exists(Full)
        ? Full
        : throw new CliUsageException(Path.IsPathRooted(Given) ? $"{what} file '{Given}' does not exist" : $"{what} file '{Given}' does not exist in {CallerDirectory}");

    public override string ToString() => Given;

    internal static string FindCallerDirectory(string current, string? pwd)
    {
        bool inProjectFolder = File.Exists(Path.Combine(current, "TradingBlazor.csproj"));
        bool pwdElsewhere = pwd is { Length: > 0 } && Path.IsPathFullyQualified(pwd) && Directory.Exists(pwd)
                            && Path.TrimEndingDirectorySeparator(Path.GetFullPath(pwd)) != Path.TrimEndingDirectorySeparator(current);
        return inProjectFolder && pwdElsewhere ? pwd! : current;
    }
}
