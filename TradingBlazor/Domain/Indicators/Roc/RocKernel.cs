using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Roc;

/// <summary>ROC(n) (TA-Lib): 100·(close / close n bars ago − 1), 0 when the old close is 0. First value at n.</summary>
public struct RocKernel : IIndicatorKernel
{
    private readonly int _period;
    private History _closes;

    public RocKernel(int period)
    {
        _period = period;
        _closes = new History(period);
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        if (_closes.Count < _period)
        {
            output[0] = double.NaN;
        }
        else
        {
            double old = _closes.Ago(_period);
            output[0] = old != 0 ? (bar.Close / old - 1.0) * 100.0 : 0;
        }
        if (commit) _closes.Add(bar.Close);
    }

    public void Reset() => _closes.Reset();
}
