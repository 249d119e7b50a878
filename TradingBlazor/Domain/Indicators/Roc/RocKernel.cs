using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Roc;

/// <summary>ROC(n) (TA-Lib): 100·(close / close n bars ago − 1), 0 when the old close is 0. First value at n.</summary>
public struct RocKernel : IIndicatorKernel, IValueKernel
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
    public void Step(in Ohlcv bar, bool commit, Span<double> output) => output[0] = Update(bar.Close, commit);

    public readonly ValueSource Source => ValueSource.Close;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double close, bool commit)
    {
        double value = double.NaN;
        if (_closes.Count >= _period)
        {
            double old = _closes.Ago(_period);
            value = old != 0 ? (close / old - 1.0) * 100.0 : 0;
        }
        if (commit) _closes.Add(close);
        return value;
    }

    public void Reset() => _closes.Reset();
}
