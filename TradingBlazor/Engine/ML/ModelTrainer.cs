using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.ML.Validation;
using TradingBlazor.Engine.ML.Lstm;

namespace TradingBlazor.Engine.ML;

/// <summary>
/// Trains and validates without look-ahead. Features come from the live bot's streaming code; purged walk-forward
/// folds give every row after the first block an out-of-fold score from a model that never saw it or anything later.
/// Fold 1's scores only seed the calibrators: fold k's probabilities use calibrators fitted on folds before k, so
/// the reported Brier score and calibration table are out of sample too. The final model trains on every row and
/// its calibrators on every out-of-fold score. The LSTM goes through the same folds and calibration: its trainer (a
/// separate process) returns each fold's out-of-fold logits and the final network as ONNX.
/// </summary>
public static class ModelTrainer
{
    public const int MinimumRows = 300;

    /// <summary>The ensemble's default weights (the design's); without an LSTM the other two are renormalised.</summary>
    private const double LstmWeight = 0.5, ForestWeight = 0.3, MomentumWeight = 0.2;

    public static TrainedModels Train(TrainingRequest request, CancellationToken cancel = default) =>
        Train(request, FeatureTable.Build(request.Bars, FeatureSpec.Current(request.Horizon)), cancel);

    /// <summary>Trains on a prepared table (built from <paramref name="request"/>'s bars; tests permute its labels).</summary>
    public static TrainedModels Train(TrainingRequest request, FeatureTable table, CancellationToken cancel = default)
    {
        var spec = table.Spec;
        if (table.Count < MinimumRows)
            throw new ModelTrainingException($"{table.Count} labelled rows after the indicators' warm-up; at least {MinimumRows} are needed");
        var folds = PurgedWalkForward.Split(table.BarIndex, request.Folds, spec.LabelHorizon);
        if (folds.Count < 2) throw new ModelTrainingException("too few rows for two validation folds; use more bars or fewer folds");
        bool withForest = request.Type != ModelType.Lstm, ensemble = request.Type == ModelType.Ensemble;
        var notes = new List<string>();
        var lstm = request.Type == ModelType.Lstm || (ensemble && request.IncludeLstm) ? TrainLstm(request, table, folds, notes, cancel) : null;

        var forestOof = new double[table.Count];
        var momentumOof = new double[table.Count];
        foreach (var fold in withForest ? folds : [])
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
        ClassifierMetrics Evaluate(double[] p) => ClassifierMetrics.Compute(evaluated.Select(i => p[i]).ToArray(), labels);
        var evaluations = new List<ModelEvaluation>();
        var lstmP = lstm is null ? null : ForwardCalibrated(folds, lstm.OutOfFold, table.Labels);
        if (lstmP is not null) evaluations.Add(new("lstm", Evaluate(lstmP)));
        var forestP = withForest ? ForwardCalibrated(folds, forestOof, table.Labels) : null;
        if (forestP is not null) evaluations.Add(new("forest", Evaluate(forestP)));
        if (ensemble && forestP is not null)
        {
            var momentumP = ForwardCalibrated(folds, momentumOof, table.Labels);
            double lstmWeight = lstmP is null ? 0 : LstmWeight, total = lstmWeight + ForestWeight + MomentumWeight;
            var ensembleP = evaluated.Select(i => (lstmWeight * (lstmP?[i] ?? 0) + ForestWeight * forestP[i] + MomentumWeight * momentumP[i]) / total).ToArray();
            evaluations.Add(new("momentum", Evaluate(momentumP)));
            evaluations.Add(new("ensemble", ClassifierMetrics.Compute(ensembleP, labels)));
        }

        cancel.ThrowIfCancellationRequested();
        var oofRows = Enumerable.Range(folds[0].TestStart, table.Count - folds[0].TestStart).ToArray();
        var oofLabels = oofRows.Select(i => table.Labels[i]).ToArray();
        PlattCalibrator FitOutOfFold(double[] scores) => PlattCalibrator.Fit(oofRows.Select(i => scores[i]).ToArray(), oofLabels);
        ForestModel? calibrated = null;
        if (withForest)
        {
            using var final = ForestModel.Train(table.Features, table.Labels, request.Seed, request.Forest);
            calibrated = final.WithCalibrator(FitOutOfFold(forestOof));
        }
        request.Progress?.Report(1);
        var momentum = ensemble ? FitOutOfFold(momentumOof) : null;

        var metrics = new TrainingMetrics(request.Symbol, request.Type, request.Seed,
            table.TimesUtc[0], LastBarRead(request, table), table.Count, spec.LabelHorizon,
            $"purged expanding walk-forward, {folds.Count} folds, purge {spec.LabelHorizon} bar(s); metrics over folds 2..{folds.Count} (fold 1 seeds the calibrators)",
            folds.Select(f => Range(f, table)).ToArray(), evaluations) { Notes = notes };
        return new TrainedModels(spec, metrics, request.Forest, calibrated, momentum)
        {
            Lstm = lstm is null ? null : LstmModel.FromOnnx(lstm.Onnx, request.Lstm.Window, spec.Count, FitOutOfFold(lstm.OutOfFold)),
            LstmSettings = lstm is null ? null : request.Lstm,
            LstmWeights = lstm?.Weights,
            LstmTorchScores = lstm?.Final,
            LstmTrainerReport = lstm?.Report,
        };
    }

    /// <summary>
    /// Runs the LSTM trainer on the table's windows and folds. Without a trainer an LSTM request fails with the reason;
    /// an ensemble goes on without the LSTM and says so in its notes.
    /// </summary>
    private static LstmRun? TrainLstm(TrainingRequest request, FeatureTable table, IReadOnlyList<TimeFold> folds, List<string> notes, CancellationToken cancel)
    {
        var trainer = LstmTrainerProcess.Locate(request.LstmTrainer, out var problem);
        if (trainer is null)
        {
            if (request.Type == ModelType.Lstm) throw new ModelTrainingException($"LSTM training is unavailable: {problem}");
            notes.Add($"lstm: not trained ({problem}); the ensemble is forest + momentum");
            return null;
        }
        int window = request.Lstm.Window;
        if (window - 1 >= folds[0].TestStart)
            throw new ModelTrainingException($"an LSTM window of {window} bars is longer than the first training block ({folds[0].TestStart} rows); use more bars or a shorter window");
        // A window is complete when it spans consecutive bars (the indicators' warm-up is the only gap).
        var ready = Enumerable.Range(0, table.Count).Select(r => r >= window - 1 && table.BarIndex[r] - table.BarIndex[r - window + 1] == window - 1).ToArray();
        var job = new LstmJob(request.Lstm, request.Seed, table.Features, table.Labels, ready,
            folds.Select(f => new LstmFold(f.TrainEnd, f.TestStart, f.TestEnd)).ToArray());
        var run = trainer.Train(job, request.Log, cancel);
        int unscored = Enumerable.Range(folds[0].TestStart, table.Count - folds[0].TestStart).Count(i => double.IsNaN(run.OutOfFold[i]));
        if (unscored > 0) throw new ModelTrainingException($"{unscored} validation rows have no complete {window}-bar window (a gap in the bars)");
        notes.Add($"lstm: {request.Lstm.Hidden1} → dropout {request.Lstm.Dropout} → {request.Lstm.Hidden2} → dropout → dense sigmoid over {window}-bar windows, {request.Lstm.Epochs} epochs, seed {request.Seed}");
        return run;
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
