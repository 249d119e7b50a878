using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Primitives;

namespace TradingBlazor.Domain.Indicators.Adx;

/// <summary>
/// ADX(n) with +DI/−DI, TA-Lib's algorithm: +DM/−DM/TR summed over the first n−1 changes, then Wilder-smoothed
/// (x − x/n + new); DX = 100·|+DI − −DI|/(+DI + −DI); the first ADX at 2n−1 is the mean of n DX values, then
/// ADX = (ADX·(n−1) + DX)/n (unchanged when TR or DI sum is ~0). Each output starts at its own TA-Lib index:
/// +DI/−DI (TA-Lib PLUS_DI/MINUS_DI, 0 when TR is ~0) at n, the ADX at 2n−1.
/// </summary>
public struct AdxKernel : IIndicatorKernel
{
    private readonly int _period;
    private double _prevHigh, _prevLow, _prevClose;
    private double _plusDm, _minusDm, _tr;
    private double _sumDx, _adx;
    private int _index;

    public AdxKernel(int period)
    {
        if (period < 2) throw new ArgumentOutOfRangeException(nameof(period), period, "period must be at least 2.");
        _period = period;
        _prevHigh = _prevLow = _prevClose = 0;
        _plusDm = _minusDm = _tr = 0;
        _sumDx = _adx = 0;
        _index = 0;
    }

    public readonly int OutputCount => 3;
    public readonly int Lookback => 2 * _period - 1;
    public readonly int OutputLookback(int output) => output == 0 ? 2 * _period - 1 : _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        output[0] = output[1] = output[2] = double.NaN;
        if (_index == 0)
        {
            if (commit) Remember(in bar);
            return;
        }

        double diffP = bar.High - _prevHigh, diffM = _prevLow - bar.Low;
        double plusDm = _plusDm, minusDm = _minusDm, tr = _tr, sumDx = _sumDx, adx = _adx;
        double trueRange = TaMath.TrueRange(bar.High, bar.Low, _prevClose);
        int n = _period;
        if (_index < n)
        {
            if (diffM > 0 && diffP < diffM) minusDm += diffM;
            else if (diffP > 0 && diffP > diffM) plusDm += diffP;
            tr += trueRange;
        }
        else
        {
            minusDm -= minusDm / n;
            plusDm -= plusDm / n;
            if (diffM > 0 && diffP < diffM) minusDm += diffM;
            else if (diffP > 0 && diffP > diffM) plusDm += diffP;
            tr = tr - tr / n + trueRange;

            double minusDi = 0, plusDi = 0, dx = double.NaN;
            if (!TaMath.IsZero(tr))
            {
                minusDi = 100.0 * (minusDm / tr);
                plusDi = 100.0 * (plusDm / tr);
                double sum = minusDi + plusDi;
                if (!TaMath.IsZero(sum)) dx = 100.0 * (Math.Abs(minusDi - plusDi) / sum);
            }

            int last = 2 * n - 1;
            if (_index < last)
            {
                if (!double.IsNaN(dx)) sumDx += dx;
            }
            else if (_index == last)
            {
                if (!double.IsNaN(dx)) sumDx += dx;
                adx = sumDx / n;
            }
            else if (!double.IsNaN(dx))
            {
                adx = (adx * (n - 1) + dx) / n;
            }

            if (_index >= last) output[0] = adx;
            output[1] = plusDi;
            output[2] = minusDi;
        }

        if (commit)
        {
            _plusDm = plusDm;
            _minusDm = minusDm;
            _tr = tr;
            _sumDx = sumDx;
            _adx = adx;
            Remember(in bar);
        }
    }

    private void Remember(in Ohlcv bar)
    {
        _prevHigh = bar.High;
        _prevLow = bar.Low;
        _prevClose = bar.Close;
        _index++;
    }

    public void Reset()
    {
        _plusDm = _minusDm = _tr = _sumDx = _adx = 0;
        _index = 0;
    }
}
