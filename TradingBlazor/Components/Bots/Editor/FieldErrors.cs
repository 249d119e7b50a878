using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Components.Bots.Editor;

/// <summary>The validator's errors by field path ("risk.stop_loss"), for the inputs that show them inline.</summary>
public sealed class FieldErrors(IReadOnlyList<ConfigError> errors)
{
    public static readonly FieldErrors None = new(Array.Empty<ConfigError>());

    public IReadOnlyList<ConfigError> All => errors;

    /// <summary>The messages for exactly this field, joined; null when it is fine.</summary>
    public string? For(string field) => Join(errors.Where(e => e.Field == field));

    /// <summary>The messages for the field and everything under it ("entry.rule" covers "entry.rule.all[0]").</summary>
    public string? Under(string field) =>
        Join(errors.Where(e => e.Field == field || e.Field.StartsWith(field + ".", StringComparison.Ordinal) || e.Field.StartsWith(field + "[", StringComparison.Ordinal)));

    /// <summary>Where in a rule expression this field's first problem is (0-based), when the parser said.</summary>
    public int? PositionOf(string field) => errors.FirstOrDefault(e => e.Field == field && e.Position is not null)?.Position;

    private static string? Join(IEnumerable<ConfigError> matches)
    {
        var list = matches.Select(e => e.Message).Distinct().ToList();
        return list.Count == 0 ? null : string.Join(" ", list);
    }
}
