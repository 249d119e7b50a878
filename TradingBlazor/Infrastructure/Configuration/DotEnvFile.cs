namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>
/// Reads a .env file (KEY=VALUE lines, '#' comments, optional 'export ', optional quotes) into configuration
/// keys. Keys use the .NET environment form, so "Alpaca__KeyId" becomes "Alpaca:KeyId".
/// </summary>
public static class DotEnvFile
{
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path)) return values;
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            int eq = line.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"{Path.GetFileName(path)} line {lineNumber}: expected KEY=VALUE.");
            var key = line[..eq].Trim().Replace("__", ":", StringComparison.Ordinal);
            values[key] = Unquote(line[(eq + 1)..].Trim());
        }
        return values;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            return value[1..^1];
        int comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }
}
