using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Validation;

namespace TradingBlazor.Tests.ML;

/// <summary>The validation arithmetic on cases with known answers.</summary>
public class ValidationMathTests
{
    [Fact]
    public void Auc_is_one_for_a_perfect_ranking_zero_reversed_and_half_for_ties()
    {
        var labels = new[] { false, false, true, true };
        Assert.Equal(1.0, ClassifierMetrics.AreaUnderCurve(new[] { 0.1, 0.2, 0.8, 0.9 }, labels));
        Assert.Equal(0.0, ClassifierMetrics.AreaUnderCurve(new[] { 0.9, 0.8, 0.2, 0.1 }, labels));
        Assert.Equal(0.5, ClassifierMetrics.AreaUnderCurve(new[] { 0.5, 0.5, 0.5, 0.5 }, labels));
        Assert.Equal(0.75, ClassifierMetrics.AreaUnderCurve(new[] { 0.1, 0.6, 0.5, 0.9 }, labels));
        Assert.True(double.IsNaN(ClassifierMetrics.AreaUnderCurve(new[] { 0.1, 0.2 }, new[] { true, true })));
    }

    [Fact]
    public void Brier_accuracy_and_calibration_table_count_what_they_say()
    {
        var p = new[] { 0.05, 0.15, 0.85, 0.95, 0.9 };
        var y = new[] { false, true, true, true, false };
        var m = ClassifierMetrics.Compute(p, y);
        Assert.Equal(5, m.Count);
        Assert.Equal(0.6, m.UpRate, 12);
        Assert.Equal(0.6, m.Accuracy, 12);
        Assert.Equal((0.05 * 0.05 + 0.85 * 0.85 + 0.15 * 0.15 + 0.05 * 0.05 + 0.9 * 0.9) / 5, m.Brier, 12);
        Assert.Equal(new[] { 0.0, 0.1, 0.8, 0.9 }, m.Calibration.Select(b => b.From));
        var top = m.Calibration[^1];
        Assert.Equal(2, top.Count);
        Assert.Equal(0.5, top.ObservedUpRate);
        Assert.Equal(0.925, top.MeanPredicted, 12);
    }

    [Fact]
    public void Platt_recovers_the_logistic_that_generated_the_labels()
    {
        var random = new Random(11);
        var scores = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var truth = new PlattCalibrator(-1.5, 0.3);
        var labels = scores.Select(s => random.NextDouble() < truth.Probability(s)).ToArray();
        var fitted = PlattCalibrator.Fit(scores, labels);
        Assert.Equal(-1.5, fitted.A, 0.1);
        Assert.Equal(0.3, fitted.B, 0.1);
        Assert.Equal(0.5, PlattCalibrator.Uninformed.Probability(123));
    }

    [Fact]
    public void Platt_stays_finite_on_separable_scores()
    {
        var scores = Enumerable.Range(0, 200).Select(i => i < 100 ? -5.0 - i : 5.0 + (i - 100)).ToArray();
        var fitted = PlattCalibrator.Fit(scores, scores.Select(s => s > 0).ToArray());
        Assert.True(double.IsFinite(fitted.A) && double.IsFinite(fitted.B), $"A {fitted.A} B {fitted.B}");
        Assert.True(fitted.Probability(50) > 0.95 && fitted.Probability(-50) < 0.05, $"A {fitted.A} B {fitted.B}");
    }

    [Fact]
    public void Walk_forward_folds_train_only_on_earlier_rows_purged_by_the_horizon()
    {
        var barIndex = Enumerable.Range(40, 1200).ToArray();
        var folds = PurgedWalkForward.Split(barIndex, folds: 5, horizon: 3);
        Assert.Equal(5, folds.Count);
        int expectedTestStart = 200;
        foreach (var f in folds)
        {
            Assert.Equal(expectedTestStart, f.TestStart);
            Assert.Equal(f.TestStart - 3, f.TrainEnd); // rows whose label reads a test bar are dropped
            Assert.True(barIndex[f.TrainEnd - 1] + 3 < barIndex[f.TestStart]);
            expectedTestStart = f.TestEnd;
        }
        Assert.Equal(barIndex.Length, folds[^1].TestEnd);
    }
}
