using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Mfi;

/// <summary>
/// MFI(n) (TA-Lib): money flow = typical·volume, positive when the typical price rose, negative when it fell;
/// 100·Σpos/(Σpos+Σneg) over n changes, 0 when that total is below 1. First value at n.
/// </summary>
public struct MfiKernel : IIndicatorKernel
{
    private readonly int _period;
    private RollingSum _positive;
    private RollingSum _negative;
    private double _previousTypical;
    private bool _hasPrevious;

    public MfiKernel(int period)
    {
        _period = period;
        _positive = new RollingSum(period);
        _negative = new RollingSum(period);
        _previousTypical = 0;
        _hasPrevious = false;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double tp = bar.Typical;
        if (!_hasPrevious)
        {
            if (commit) { _previousTypical = tp; _hasPrevious = true; }
            output[0] = double.NaN;
            return;
        }
        double flow = tp * bar.Volume, change = tp - _previousTypical;
        double pos = _positive.Step(change > 0 ? flow : 0, commit);
        double neg = _negative.Step(change < 0 ? flow : 0, commit);
        if (commit) _previousTypical = tp;
        if (double.IsNaN(pos)) { output[0] = double.NaN; return; }
        double total = pos + neg;
        output[0] = total < 1.0 ? 0 : 100.0 * (pos / total);
    }

    public void Reset()
    {
        _positive.Reset();
        _negative.Reset();
        _hasPrevious = false;
    }
}
