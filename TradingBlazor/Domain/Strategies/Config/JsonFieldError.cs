using System.Text.Json;
using System.Text.RegularExpressions;

namespace TradingBlazor.Domain.Strategies.Config;

/// <summary>
/// A serializer failure as the document's author needs it: the field (a JSON path without the leading "$.", e.g.
/// <c>risk.position_sizing</c> or <c>symbols[0]</c>) and what the value must be, without the C# type names the
/// serializer's own words carry.
/// </summary>
public static partial class JsonFieldError
{
    public static ConfigError Of(JsonException ex)
    {
        if (MissingRequired().Match(ex.Message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries).Select(n => n.Trim('\'')).ToList();
            var parent = Field(ex.Path);
            return new((parent == "$" ? "" : parent + ".") + names[0], names.Count == 1 ? "is required." : $"is required (so are {string.Join(", ", names.Skip(1))}).");
        }
        return new(Field(ex.Path), Message(ex, ex.Path));
    }

    /// <summary>"$.risk.stop_loss" → "risk.stop_loss"; the root stays "$".</summary>
    public static string Field(string? jsonPath) => jsonPath switch
    {
        null or "" or "$" => "$",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ when jsonPath.StartsWith('$') => jsonPath[1..],
        _ => jsonPath,
    };

    private static string Message(JsonException ex, string? path)
    {
        var text = ex.Message;
        if (text.Contains("doesn't allow setting null values", StringComparison.Ordinal) || text.Contains("Cannot be null", StringComparison.Ordinal))
            return "must not be null.";
        if (ConvertedTo().Match(text) is { Success: true } m) return Expected(Target(m.Groups[1].Value, path));
        // The reader's own failure (the serializer wraps it): the text is not JSON at this point.
        if (ex.InnerException is JsonException syntax) return "is not valid JSON: " + syntax.Message.Split(" LineNumber:")[0].TrimEnd(' ', '|');
        var first = text.Split(" Path:")[0];
        // Whatever else the serializer says about a type is still worded for the programmer.
        return first.Contains("System.", StringComparison.Ordinal) || first.Contains("TradingBlazor.", StringComparison.Ordinal)
            ? "has a value of the wrong kind."
            : first;
    }

    /// <summary>
    /// The type that failed; a record read through its constructor reports itself rather than the member, so the
    /// member named by the path's last segment is looked up.
    /// </summary>
    private static Type? Target(string typeName, string? path)
    {
        var type = Type.GetType(typeName) ?? typeof(JsonFieldError).Assembly.GetType(typeName);
        if (type is not { IsClass: true } || type == typeof(string) || path is null || path.EndsWith(']')) return type;
        var member = path.Split('.')[^1].Replace("_", "");
        return type.GetProperties().FirstOrDefault(p => p.Name.Equals(member, StringComparison.OrdinalIgnoreCase))?.PropertyType ?? type;
    }

    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is { IsEnum: true })
            return $"must be one of {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName))}.";
        return type switch
        {
            _ when type == typeof(string) => "must be a string of valid text (no unpaired surrogates).",
            _ when type == typeof(bool) => "must be true or false.",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number within range.",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "must be a number within range.",
            _ when type == typeof(DateOnly) => "must be a date in the form yyyy-MM-dd.",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "must be an ISO 8601 date or time.",
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(List<>) => "must be an array.",
            { IsClass: true } => "must be an object.",
            _ => "has a value of the wrong kind.",
        };
    }

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"could not be converted to (\S+?)\.(?:\s|$)")]
    private static partial Regex ConvertedTo();
}
