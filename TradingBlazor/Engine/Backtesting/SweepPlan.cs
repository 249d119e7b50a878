using System.Globalization;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>Bad sweep input, naming its field (<c>ranges[0]</c>, <c>constraint</c>) the way the API's problem details do.</summary>
public sealed class SweepInputException(string field, string message) : FormatException(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The combinations a sweep runs: its grid's, less those its constraint rules out. A constraint is a rule over the
/// parameters in the rule language (<c>fast &lt; slow</c>, <c>slow &gt;= 2 * fast and fast != 15</c>); ruled-out
/// combinations are not run, only counted.
/// </summary>
public sealed record SweepPlan(IReadOnlyDictionary<string, double[]> Grid, string? Constraint, IReadOnlyList<Dictionary<string, double>> Points, int Skipped)
{
    public int Combinations => Points.Count + Skipped;

    public static SweepPlan Of(IReadOnlyDictionary<string, double[]> grid) => new(grid, null, ParameterSweep.Grid(grid).ToList(), 0);

    /// <summary>Parses the ranges and the constraint; a problem throws <see cref="SweepInputException"/>.</summary>
    public static SweepPlan Create(IEnumerable<string> ranges, string template, string? constraint)
    {
        var grid = ParameterSweep.ParseGrid(ranges, template);
        if (string.IsNullOrWhiteSpace(constraint)) return Of(grid);
        var names = grid.Keys.ToArray();
        RuleNode rule;
        try
        {
            rule = RuleParser.Parse(constraint.Trim(), RuleVariables.Named(names), "constraint");
        }
        catch (RuleParseException ex)
        {
            throw new SweepInputException("constraint", ex.Problem);
        }
        var kept = new List<Dictionary<string, double>>();
        int skipped = 0;
        var values = new double[names.Length];
        foreach (var point in ParameterSweep.Grid(grid))
        {
            for (int i = 0; i < names.Length; i++) values[i] = point[names[i]];
            // Constraints hold no state across combinations (a crossover would compare unrelated points).
            rule.Reset();
            if (rule.Evaluate(values)) kept.Add(point);
            else skipped++;
        }
        if (kept.Count == 0)
            throw new SweepInputException("constraint", $"rules out all {skipped.ToString("N0", CultureInfo.InvariantCulture)} combinations of the grid.");
        return new SweepPlan(grid, constraint.Trim(), kept, skipped);
    }
}
