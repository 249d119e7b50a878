namespace TradingBlazor.Domain.ML.Validation;

/// <summary>One bin of a calibration table: predictions in [From, To), how many, their mean, and how often the label was up.</summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanPredicted, double ObservedUpRate);

/// <summary>Out-of-sample quality of probabilities: ranking (AUC), hits at 0.5, squared error (Brier), and calibration.</summary>
public sealed record ClassifierMetrics(int Count, double UpRate, double Auc, double Accuracy, double Brier, IReadOnlyList<CalibrationBin> Calibration)
{
    public static ClassifierMetrics Compute(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, int bins = 10)
    {
        if (probabilities.Count != labels.Count) throw new ArgumentException("One label per probability.", nameof(labels));
        int n = labels.Count;
        if (n == 0) return new ClassifierMetrics(0, double.NaN, double.NaN, double.NaN, double.NaN, Array.Empty<CalibrationBin>());
        double hits = 0, brier = 0;
        for (int i = 0; i < n; i++)
        {
            double p = probabilities[i], y = labels[i] ? 1 : 0;
            if ((p >= 0.5) == labels[i]) hits++;
            brier += (p - y) * (p - y);
        }
        return new ClassifierMetrics(n, labels.Count(l => l) / (double)n, AreaUnderCurve(probabilities, labels), hits / n, brier / n,
            Table(probabilities, labels, bins));
    }

    /// <summary>Mann–Whitney AUC with tied scores sharing their mean rank; NaN when one class is missing.</summary>
    public static double AreaUnderCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumUp = 0;
        int up = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double meanRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                if (labels[order[k]]) { rankSumUp += meanRank; up++; }
            start = end + 1;
        }
        int down = order.Length - up;
        if (up == 0 || down == 0) return double.NaN;
        return (rankSumUp - up * (up + 1) / 2.0) / ((double)up * down);
    }

    private static CalibrationBin[] Table(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, int bins)
    {
        var result = new List<CalibrationBin>();
        for (int b = 0; b < bins; b++)
        {
            double from = (double)b / bins, to = (double)(b + 1) / bins;
            var members = Enumerable.Range(0, labels.Count)
                .Where(i => probabilities[i] >= from && (probabilities[i] < to || (b == bins - 1 && probabilities[i] <= to))).ToArray();
            if (members.Length == 0) continue;
            result.Add(new CalibrationBin(from, to, members.Length, members.Average(i => probabilities[i]), members.Count(i => labels[i]) / (double)members.Length));
        }
        return result.ToArray();
    }
}
