using System.Globalization;
using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Cli;

/// <summary>
/// The least a one-output batch indicator can cost here: the batch runner over a kernel that only copies each bar's
/// close. Our bars are 48-byte <see cref="Ohlcv"/> rows where TA-Lib reads an 8-byte column, so at a million bars
/// (out of cache) this row, set against TA-Lib's SMA, bounds the ratio of the lightest indicators (SMA, WMA, ROC).
/// </summary>
internal static class BatchFloor
{
    public const string ReferenceSpec = "sma(20)";

    public static string Row(Ohlcv[] bars, TaLibReference talib, int runs, BenchClock clock)
    {
        var output = new double[bars.Length];
        double Copy()
        {
            long start = clock.Now();
            BatchRunner.Run(new CopyClose(), bars, output);
            return (double)(clock.Now() - start) / bars.Length;
        }
        Copy();
        var pairs = Enumerable.Range(0, runs).Select(_ => (Ours: Copy(), TaLib: talib.Time(ReferenceSpec))).ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"| floor: copy close (vs TA-Lib {ReferenceSpec}) | {BenchCommand.Median(pairs.Select(p => p.Ours)):F2} |  |  | " +
            $"{BenchCommand.Median(pairs.Select(p => p.TaLib)):F2} | {BenchCommand.Median(pairs.Select(p => p.Ours / p.TaLib)):F2} |");
    }

    private struct CopyClose : IIndicatorKernel
    {
        public readonly int OutputCount => 1;
        public readonly int Lookback => 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Step(in Ohlcv bar, bool commit, Span<double> output) => output[0] = bar.Close;

        public void Reset() { }
    }
}
