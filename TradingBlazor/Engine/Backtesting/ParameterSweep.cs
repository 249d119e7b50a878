using System.Collections.Concurrent;
using System.Globalization;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>One grid point: its parameter values and either its metrics or why the config was invalid.</summary>
public sealed record SweepPoint(IReadOnlyDictionary<string, double> Parameters, BacktestMetrics? Metrics, decimal FinalEquity, string? Error);

/// <summary>
/// Grid search. The config is a template whose text may hold <c>${name}</c> placeholders anywhere (indicator specs,
/// rules, risk values); every combination of the grid is substituted, validated and backtested, in parallel on all
/// cores. Invalid combinations (e.g. fast ≥ slow) are reported, not fatal. Cancellable; reports progress.
/// </summary>
public static class ParameterSweep
{
    /// <summary>Metrics a sweep can rank by; higher is better except drawdown.</summary>
    public static readonly IReadOnlyDictionary<string, Func<BacktestMetrics, double>> Metrics = new Dictionary<string, Func<BacktestMetrics, double>>
    {
        ["sharpe"] = m => m.Sharpe,
        ["sortino"] = m => m.Sortino,
        ["total_return_pct"] = m => m.TotalReturnPct,
        ["annualized_return_pct"] = m => m.AnnualizedReturnPct,
        ["calmar"] = m => m.Calmar,
        ["profit_factor"] = m => double.IsInfinity(m.ProfitFactor) ? double.MaxValue : m.ProfitFactor,
        ["win_rate_pct"] = m => m.WinRatePct,
        ["max_drawdown_pct"] = m => -m.MaxDrawdownPct,
    };

    public static IEnumerable<Dictionary<string, double>> Grid(IReadOnlyDictionary<string, double[]> grid)
    {
        IEnumerable<Dictionary<string, double>> points = new[] { new Dictionary<string, double>() };
        foreach (var (name, values) in grid)
            points = points.SelectMany(p => values.Select(v => new Dictionary<string, double>(p) { [name] = v }));
        return points;
    }

    public static string Substitute(string template, IReadOnlyDictionary<string, double> parameters)
    {
        foreach (var (name, value) in parameters)
            template = template.Replace("${" + name + "}", value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return template;
    }

    public static IReadOnlyList<SweepPoint> Run(string template, IReadOnlyDictionary<string, double[]> grid, IReadOnlyDictionary<string, BarSeries> data,
        BacktestOptions options, int maxParallelism = 0, IProgress<double>? progress = null, CancellationToken ct = default) =>
        Run(template, SweepPlan.Of(grid), data, options, maxParallelism, progress, ct);

    /// <summary>Runs the plan's combinations (those its constraint allows).</summary>
    public static IReadOnlyList<SweepPoint> Run(string template, SweepPlan plan, IReadOnlyDictionary<string, BarSeries> data,
        BacktestOptions options, int maxParallelism = 0, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var points = plan.Points;
        var results = new SweepPoint[points.Count];
        int done = 0;
        Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount, CancellationToken = ct }, i =>
        {
            results[i] = RunOne(template, points[i], data, options);
            progress?.Report((double)Interlocked.Increment(ref done) / points.Count);
        });
        return results;
    }

    private static SweepPoint RunOne(string template, Dictionary<string, double> parameters, IReadOnlyDictionary<string, BarSeries> data, BacktestOptions options)
    {
        try
        {
            var (bot, errors) = BotConfigValidator.Compile(BotConfig.Parse(Substitute(template, parameters)));
            if (bot is null) return new SweepPoint(parameters, null, 0, $"{errors[0].Field}: {errors[0].Message}");
            var result = new Backtester(bot, options).Run(data);
            return new SweepPoint(parameters, result.Metrics, result.FinalEquity, null);
        }
        catch (BotConfigException ex)
        {
            return new SweepPoint(parameters, null, 0, ex.Message);
        }
    }

    /// <summary>More combinations than this would keep the machine busy for minutes: refused up front.</summary>
    public const int MaxCombinations = 2_000;

    /// <summary>
    /// The grid of a sweep from one range text per parameter: each name must be a <c>${name}</c> placeholder of the
    /// template, and the grid may hold at most <see cref="MaxCombinations"/> combinations.
    /// </summary>
    /// <remarks>Problems are <see cref="SweepInputException"/>s naming the range (<c>ranges[1]</c>) or <c>ranges</c>.</remarks>
    public static Dictionary<string, double[]> ParseGrid(IEnumerable<string> ranges, string template)
    {
        var grid = new Dictionary<string, double[]>();
        foreach (var (text, index) in ranges.Select((r, i) => (r, i)).Where(r => !string.IsNullOrWhiteSpace(r.r)))
        {
            var field = $"ranges[{index}]";
            try
            {
                var (name, values) = ParseRange(text);
                if (!template.Contains("${" + name + "}", StringComparison.Ordinal)) throw new SweepInputException(field, $"the template has no placeholder ${{{name}}}");
                grid[name] = values;
            }
            catch (FormatException ex) when (ex is not SweepInputException)
            {
                throw new SweepInputException(field, ex.Message);
            }
        }
        if (grid.Count == 0) throw new SweepInputException("ranges", "Give at least one parameter range, e.g. fast=5:20:5.");
        if (grid.Values.Aggregate(1L, (n, v) => n * v.Length) > MaxCombinations)
            throw new SweepInputException("ranges", $"At most {MaxCombinations.ToString("N0", CultureInfo.InvariantCulture)} combinations per sweep.");
        return grid;
    }

    /// <summary>Parses "fast=5:20:5" (from:to:step) or "slow=20,30,50".</summary>
    public static (string Name, double[] Values) ParseRange(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"'{text}' is not name=from:to:step or name=v1,v2,...");
        var name = text[..eq].Trim();
        var spec = text[(eq + 1)..].Trim();
        double Num(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"'{s}' in '{text}' is not a number");
        if (spec.Contains(':'))
        {
            var p = spec.Split(':');
            if (p.Length != 3) throw new FormatException($"'{text}': a range is from:to:step");
            double from = Num(p[0]), to = Num(p[1]), step = Num(p[2]);
            if (step <= 0 || to < from) throw new FormatException($"'{text}': step must be positive and to ≥ from");
            var values = new List<double>();
            for (double v = from; v <= to + step * 1e-9; v += step) values.Add(Math.Round(v, 10));
            if (values.Count > 10_000) throw new FormatException($"'{text}' has more than 10,000 values");
            return (name, values.ToArray());
        }
        return (name, spec.Split(',').Select(s => Num(s.Trim())).ToArray());
    }
}
