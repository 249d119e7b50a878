namespace TradingBlazor.Domain.ML;

/// <summary>
/// Platt scaling: P(up) = 1 / (1 + exp(A·score + B)), fitted by Newton's method on out-of-fold scores with Platt's
/// smoothed targets (so a perfectly separated fold does not push A to infinity). Maps any model's score to a
/// probability that means what it says: of signals at 0.8, about 80% go up.
/// </summary>
public sealed record PlattCalibrator(double A, double B)
{
    /// <summary>The identity-like mapping used before anything was fitted (0.5 everywhere).</summary>
    public static readonly PlattCalibrator Uninformed = new(0, 0);

    public double Probability(double score)
    {
        double z = A * score + B;
        return z >= 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));
    }

    public static PlattCalibrator Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        int n = scores.Count, positives = labels.Count(l => l);
        if (n == 0) return Uninformed;
        double hi = (positives + 1.0) / (positives + 2.0), lo = 1.0 / (n - positives + 2.0);
        double a = 0, b = Math.Log((n - positives + 1.0) / (positives + 1.0));
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < n; i++)
            {
                double p = new PlattCalibrator(a, b).Probability(scores[i]);
                double t = labels[i] ? hi : lo;
                double d = t - p; // dLoss/dz for z = a·s + b, since dp/dz = −p(1−p)
                double w = p * (1 - p);
                ga += d * scores[i];
                gb += d;
                haa += w * scores[i] * scores[i];
                hab += w * scores[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-18) break;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            // Backtracking (Lin, Lin and Weng's note on Platt): a full Newton step can overshoot on skewed scores.
            double loss = LogLoss(a, b, scores, labels, hi, lo), step = 1;
            while (step > 1e-6 && LogLoss(a - step * da, b - step * db, scores, labels, hi, lo) > loss + 1e-12) step /= 2;
            a -= step * da;
            b -= step * db;
            if (step * (Math.Abs(da) + Math.Abs(db)) < 1e-10) break;
        }
        return new PlattCalibrator(a, b);
    }

    private static double LogLoss(double a, double b, IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double hi, double lo)
    {
        var calibrator = new PlattCalibrator(a, b);
        double loss = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            double p = Math.Clamp(calibrator.Probability(scores[i]), 1e-15, 1 - 1e-15), t = labels[i] ? hi : lo;
            loss -= t * Math.Log(p) + (1 - t) * Math.Log(1 - p);
        }
        return loss;
    }
}
