using System.Diagnostics;
using TorchSharp;
using TradingBlazor.Engine.ML.Lstm;
using static TorchSharp.torch;

namespace TradingBlazor.LstmTrainer;

/// <summary>How one network trained: windows seen, loss of the first and last epoch, seconds.</summary>
public sealed record FitReport(int Windows, double FirstLoss, double LastLoss, double Seconds);

/// <summary>
/// Trains the network on a job's windows. Deterministic: the seed is set before each network is built, torch runs on
/// one thread, and the mini-batch order comes from a seeded <see cref="Random"/>. Each batch runs in a dispose scope,
/// and a periodic collection frees the native memory tensors that escaped it (without it a loop reached 2.2 GB).
/// </summary>
public sealed class LstmTraining(LstmJob job)
{
    private const int CollectEvery = 50, ScoreBatch = 512;
    private readonly int _window = job.Settings.Window, _width = job.FeatureCount;

    /// <summary>The rows whose window is complete, below <paramref name="end"/>.</summary>
    public int[] Windowed(int start, int end) => Enumerable.Range(start, Math.Max(0, end - start)).Where(r => job.WindowReady[r]).ToArray();

    public (DirectionLstm Model, FitReport Report) Fit(int trainEnd, TextWriter log, string label)
    {
        var watch = Stopwatch.StartNew();
        var rows = Windowed(0, trainEnd);
        if (rows.Length == 0) throw new InvalidOperationException($"{label}: no complete window before row {trainEnd}");
        var (mean, std) = Standardisation(trainEnd);
        var s = job.Settings;
        torch.manual_seed(job.Seed);
        var model = new DirectionLstm(_width, s.Hidden1, s.Hidden2, s.Dropout, mean, std);
        using var optimizer = optim.Adam(model.parameters(), s.LearningRate);
        using var loss = nn.BCEWithLogitsLoss();
        var order = new Random(job.Seed);
        double first = double.NaN, last = double.NaN;
        int batches = 0;
        model.train();
        for (int epoch = 0; epoch < s.Epochs; epoch++)
        {
            order.Shuffle(rows);
            double sum = 0;
            for (int start = 0; start < rows.Length; start += s.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = rows.AsSpan(start, Math.Min(s.BatchSize, rows.Length - start));
                var x = Windows(batch);
                var y = tensor(batch.ToArray().Select(r => job.Labels[r] ? 1f : 0f).ToArray());
                optimizer.zero_grad();
                var value = loss.call(model.call(x), y);
                value.backward();
                optimizer.step();
                sum += value.item<float>() * batch.Length;
                if (++batches % CollectEvery == 0) GC.Collect();
            }
            last = sum / rows.Length;
            if (epoch == 0) first = last;
            log.WriteLine(FormattableString.Invariant($"{label} epoch {epoch + 1}/{s.Epochs} loss {last:F5}"));
        }
        model.eval();
        GC.Collect();
        return (model, new FitReport(rows.Length, first, last, watch.Elapsed.TotalSeconds));
    }

    /// <summary>The network's logit for each of <paramref name="rows"/>.</summary>
    public double[] Score(DirectionLstm model, int[] rows)
    {
        var result = new double[rows.Length];
        using var _ = no_grad();
        for (int start = 0; start < rows.Length; start += ScoreBatch)
        {
            using var scope = NewDisposeScope();
            var batch = rows.AsSpan(start, Math.Min(ScoreBatch, rows.Length - start));
            var logits = model.call(Windows(batch)).data<float>().ToArray();
            for (int i = 0; i < logits.Length; i++) result[start + i] = logits[i];
        }
        return result;
    }

    /// <summary>[batch, window, features]: each row's window, oldest first.</summary>
    private Tensor Windows(ReadOnlySpan<int> rows)
    {
        var values = new float[rows.Length * _window * _width];
        for (int b = 0; b < rows.Length; b++)
            for (int t = 0; t < _window; t++)
                job.Rows[rows[b] - _window + 1 + t].CopyTo(values, (b * _window + t) * _width);
        return tensor(values, [rows.Length, _window, _width]);
    }

    /// <summary>Each feature's mean and standard deviation over the training rows (1 where a feature is constant).</summary>
    private (float[] Mean, float[] Std) Standardisation(int trainEnd)
    {
        var mean = new float[_width];
        var std = new float[_width];
        for (int j = 0; j < _width; j++)
        {
            double sum = 0, squares = 0;
            for (int r = 0; r < trainEnd; r++) { sum += job.Rows[r][j]; squares += (double)job.Rows[r][j] * job.Rows[r][j]; }
            double m = sum / trainEnd, variance = Math.Max(0, squares / trainEnd - m * m);
            mean[j] = (float)m;
            std[j] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return (mean, std);
    }
}
