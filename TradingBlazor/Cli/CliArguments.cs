namespace TradingBlazor.Cli;

/// <summary>A bad command line; printed as one line, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Parses "--name value" options (repeatable) and "--flag" switches after the command word.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public CliArguments(IReadOnlyList<string> args, IReadOnlySet<string> flagNames)
    {
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new CliUsageException($"unexpected argument '{arg}'");
            var name = arg[2..];
            int eq = name.IndexOf('=');
            if (eq > 0)
            {
                Add(name[..eq], name[(eq + 1)..]);
            }
            else if (flagNames.Contains(name))
            {
                _flags.Add(name);
            }
            else
            {
                if (i + 1 >= args.Count) throw new CliUsageException($"--{name} needs a value");
                Add(name, args[++i]);
            }
        }
    }

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var list)) _options[name] = list = new List<string>();
        list.Add(value);
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _flags.Contains(name);
    }

    public IReadOnlyList<string> All(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var list) ? list : Array.Empty<string>();
    }

    public string? Optional(string name) => All(name) is { Count: > 0 } values ? values[^1] : null;

    public string Required(string name) => Optional(name) ?? throw new CliUsageException($"--{name} is required");

    public CliPath RequiredPath(string name) => CliPath.From(Required(name));

    public CliPath? OptionalPath(string name) => Optional(name) is { } text ? CliPath.From(text) : null;

    public int Int(string name, int @default, int min, int max)
    {
        var text = Optional(name);
        if (text is null) return @default;
        if (!int.TryParse(text, out var value) || value < min || value > max)
            throw new CliUsageException($"--{name} must be a whole number from {min} to {max} (got '{text}')");
        return value;
    }

    /// <summary>Options passed through to the host configuration (--Section:Key=value) are allowed; anything else unknown is an error.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Concat(_flags).FirstOrDefault(k => !_used.Contains(k) && !k.Contains(':'));
        if (unknown is not null) throw new CliUsageException($"unknown option --{unknown}");
    }
}
