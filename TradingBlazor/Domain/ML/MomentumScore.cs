namespace TradingBlazor.Domain.ML;

/// <summary>
/// The rule-of-thumb member of the ensemble: trend and oscillator agreement in −1..1, with no fitted weights.
/// Returns over 5 and 20 bars are measured in ATRs (so a quiet and a wild market score alike), plus RSI and the MACD
/// histogram. Its raw score is mapped to a probability by a calibrator fitted like every other model's.
/// </summary>
public static class MomentumScore
{
    /// <summary>Feature positions in <see cref="Features.FeatureSpec.Current"/>.</summary>
    private const int Ret5 = 1, Ret20 = 2, Rsi = 3, MacdHist = 4, AtrPct = 6;

    public static double Raw(ReadOnlySpan<float> f)
    {
        double atr = Math.Max(f[AtrPct], 1e-6);
        double shortTrend = Math.Tanh(f[Ret5] / (atr * Math.Sqrt(5)));
        double longTrend = Math.Tanh(f[Ret20] / (atr * Math.Sqrt(20)));
        double oscillator = f[Rsi];
        double macd = Math.Tanh(f[MacdHist] / 100 / atr);
        return (shortTrend + longTrend + oscillator + macd) / 4;
    }
}
