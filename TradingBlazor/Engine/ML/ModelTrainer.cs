using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.ML.Validation;

namespace TradingBlazor.Engine.ML;

/// <summary>
/// Trains and validates without look-ahead. Features come from the live bot's streaming code; purged walk-forward
/// folds give every row after the first block an out-of-fold score from a model that never saw it or anything later.
/// Fold 1's scores only seed the calibrators: fold k's probabilities use calibrators fitted on folds before k, so
/// the reported Brier score and calibration table are out of sample too. The final model trains on every row and
/// its calibrators on every out-of-fold score.
/// </summary>
public static class ModelTrainer
{
    public const int MinimumRows = 300;

    /// <summary>The ensemble's default weights without an LSTM (0.3 forest, 0.2 momentum, renormalised).</summary>
    private const double ForestWeight = 0.3, MomentumWeight = 0.2;

    public static TrainedModels Train(TrainingRequest request, CancellationToken cancel = default)
    {
        if (request.Type == ModelType.Lstm)
            throw new ModelTrainingException("the LSTM is trained by the separate TorchSharp trainer, not by this build");
        return Train(request, FeatureTable.Build(request.Bars, FeatureSpec.Current(request.Horizon)), cancel);
    }

    /// <summary>Trains on a prepared table (built from <paramref name="request"/>'s bars; tests permute its labels).</summary>
    public static TrainedModels Train(TrainingRequest request, FeatureTable table, CancellationToken cancel = default)
    {
        var spec = table.Spec;
        if (table.Count < MinimumRows)
            throw new ModelTrainingException($"{table.Count} labelled rows after the indicators' warm-up; at least {MinimumRows} are needed");
        var folds = PurgedWalkForward.Split(table.BarIndex, request.Folds, spec.LabelHorizon);
        if (folds.Count < 2) throw new ModelTrainingException("too few rows for two validation folds; use more bars or fewer folds");

        var forestOof = new double[table.Count];
        var momentumOof = new double[table.Count];
        foreach (var fold in folds)
        {
            cancel.ThrowIfCancellationRequested();
            using var forest = ForestModel.Train(table.Features[..fold.TrainEnd], table.Labels[..fold.TrainEnd], request.Seed, request.Forest);
            for (int i = fold.TestStart; i < fold.TestEnd; i++)
            {
                forestOof[i] = forest.RawScore(table.Features[i]);
                momentumOof[i] = MomentumScore.Raw(table.Features[i]);
            }
            request.Progress?.Report((fold.Index + 1.0) / (folds.Count + 1));
        }

        var evaluated = Enumerable.Range(folds[1].TestStart, table.Count - folds[1].TestStart).ToArray();
        var labels = evaluated.Select(i => table.Labels[i]).ToArray();
        var forestP = ForwardCalibrated(folds, forestOof, table.Labels);
        var momentumP = ForwardCalibrated(folds, momentumOof, table.Labels);
        var ensembleP = evaluated.Select(i => (ForestWeight * forestP[i] + MomentumWeight * momentumP[i]) / (ForestWeight + MomentumWeight)).ToArray();
        var evaluations = new List<ModelEvaluation> { new("forest", ClassifierMetrics.Compute(evaluated.Select(i => forestP[i]).ToArray(), labels)) };
        if (request.Type == ModelType.Ensemble)
        {
            evaluations.Add(new("momentum", ClassifierMetrics.Compute(evaluated.Select(i => momentumP[i]).ToArray(), labels)));
            evaluations.Add(new("ensemble", ClassifierMetrics.Compute(ensembleP, labels)));
        }

        cancel.ThrowIfCancellationRequested();
        var oofRows = Enumerable.Range(folds[0].TestStart, table.Count - folds[0].TestStart).ToArray();
        var forestCalibrator = PlattCalibrator.Fit(oofRows.Select(i => forestOof[i]).ToArray(), oofRows.Select(i => table.Labels[i]).ToArray());
        var final = ForestModel.Train(table.Features, table.Labels, request.Seed, request.Forest);
        var calibrated = final.WithCalibrator(forestCalibrator);
        final.Dispose();
        request.Progress?.Report(1);
        var momentum = request.Type == ModelType.Ensemble
            ? PlattCalibrator.Fit(oofRows.Select(i => momentumOof[i]).ToArray(), oofRows.Select(i => table.Labels[i]).ToArray())
            : null;

        var metrics = new TrainingMetrics(request.Symbol, request.Type, request.Seed,
            table.TimesUtc[0], LastBarRead(request, table), table.Count, spec.LabelHorizon,
            $"purged expanding walk-forward, {folds.Count} folds, purge {spec.LabelHorizon} bar(s); metrics over folds 2..{folds.Count} (fold 1 seeds the calibrators)",
            folds.Select(f => Range(f, table)).ToArray(), evaluations);
        return new TrainedModels(spec, metrics, request.Forest, calibrated, momentum);
    }

    /// <summary>Each fold's scores as probabilities from a calibrator fitted only on earlier folds' out-of-fold scores.</summary>
    private static double[] ForwardCalibrated(IReadOnlyList<TimeFold> folds, double[] scores, bool[] labels)
    {
        var result = new double[scores.Length];
        for (int k = 1; k < folds.Count; k++)
        {
            int from = folds[0].TestStart, to = folds[k].TestStart;
            var calibrator = PlattCalibrator.Fit(scores[from..to], labels[from..to]);
            for (int i = folds[k].TestStart; i < folds[k].TestEnd; i++) result[i] = calibrator.Probability(scores[i]);
        }
        return result;
    }

    /// <summary>The last bar any label read: the model has seen prices up to here.</summary>
    private static DateTime LastBarRead(TrainingRequest request, FeatureTable table) =>
        DateTime.UnixEpoch.AddMilliseconds(request.Bars[table.BarIndex[^1] + table.Spec.LabelHorizon].TimeMs);

    private static FoldRange Range(TimeFold f, FeatureTable t) =>
        new(f.Index, t.TimesUtc[0], t.TimesUtc[f.TrainEnd - 1], t.TimesUtc[f.TestStart], t.TimesUtc[f.TestEnd - 1], f.TrainEnd, f.TestEnd - f.TestStart);
}
