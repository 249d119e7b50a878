using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Stochastic;

/// <summary>
/// Slow stochastic (TA-Lib STOCH with SMA smoothing): raw %K = 100·(close − lowest low)/(highest high − lowest low)
/// over k bars (0 when the range is 0), %K = SMA(raw, smoothK), %D = SMA(%K, d). Both start at k+smoothK+d−3.
/// </summary>
public struct StochasticKernel : IIndicatorKernel
{
    private readonly int _kPeriod;
    private readonly int _lookback;
    private WindowExtreme<Highest> _highest;
    private WindowExtreme<Lowest> _lowest;
    private SmaCore _slowK;
    private SmaCore _slowD;
    private int _index;

    public StochasticKernel(int kPeriod, int smoothK, int dPeriod)
    {
        _kPeriod = kPeriod;
        _lookback = kPeriod - 1 + smoothK - 1 + dPeriod - 1;
        _highest = new WindowExtreme<Highest>(kPeriod);
        _lowest = new WindowExtreme<Lowest>(kPeriod);
        _slowK = new SmaCore(smoothK);
        _slowD = new SmaCore(dPeriod);
        _index = 0;
    }

    public readonly int OutputCount => 2;
    public readonly int Lookback => _lookback;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double highest = _highest.Step(bar.High, commit);
        double lowest = _lowest.Step(bar.Low, commit);
        bool full = _index >= _kPeriod - 1;
        if (commit) _index++;
        if (!full)
        {
            output[0] = output[1] = double.NaN;
            return;
        }
        double range = (highest - lowest) / 100.0;
        double rawK = range != 0 ? (bar.Close - lowest) / range : 0;
        double k = _slowK.Step(rawK, commit);
        double d = double.IsNaN(k) ? double.NaN : _slowD.Step(k, commit);
        output[0] = double.IsNaN(d) ? double.NaN : k;
        output[1] = d;
    }

    public void Reset()
    {
        _highest.Reset();
        _lowest.Reset();
        _slowK.Reset();
        _slowD.Reset();
        _index = 0;
    }
}
