using System.Runtime.CompilerServices;
using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.Indicators.ParabolicSar;

/// <summary>
/// Parabolic SAR (TA-Lib SAR): the first direction is short when bar 1 has a positive −DM, else long; the SAR
/// starts at bar 0's low (long) or high (short) with the extreme point at bar 1; acceleration steps by
/// <c>acceleration</c> up to <c>maximum</c> on each new extreme and resets on a reversal, where the SAR jumps to
/// the old extreme point. The SAR never enters the last two bars' range. First value at bar 1.
/// </summary>
public struct ParabolicSarKernel : IIndicatorKernel
{
    private readonly double _step;
    private readonly double _maximum;
    private double _sar, _ep, _af;
    private double _lastHigh, _lastLow;
    private bool _isLong;
    private int _index;

    public ParabolicSarKernel(double acceleration, double maximum)
    {
        if (acceleration <= 0) throw new ArgumentOutOfRangeException(nameof(acceleration), acceleration, "acceleration must be positive.");
        _step = acceleration;
        _maximum = maximum;
        _sar = _ep = 0;
        _af = Math.Min(acceleration, maximum);
        _lastHigh = _lastLow = 0;
        _isLong = true;
        _index = 0;
    }

    public readonly int OutputCount => 1;
    public readonly int Lookback => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(in Ohlcv bar, bool commit, Span<double> output)
    {
        double newHigh = bar.High, newLow = bar.Low;
        if (_index == 0)
        {
            if (commit) { _lastHigh = newHigh; _lastLow = newLow; _index++; }
            output[0] = double.NaN;
            return;
        }

        double sar = _sar, ep = _ep, af = _af, prevHigh = _lastHigh, prevLow = _lastLow;
        bool isLong = _isLong;
        if (_index == 1)
        {
            // Direction from bar 1's −DM; TA-Lib then treats bar 1 as its own previous bar.
            double diffP = newHigh - _lastHigh, diffM = _lastLow - newLow;
            isLong = !(diffM > 0 && diffP < diffM);
            sar = isLong ? _lastLow : _lastHigh;
            ep = isLong ? newHigh : newLow;
            af = Math.Min(_step, _maximum);
            prevHigh = newHigh;
            prevLow = newLow;
        }

        double result;
        if (isLong)
        {
            if (newLow <= sar)
            {
                isLong = false;
                sar = Math.Max(Math.Max(ep, prevHigh), newHigh);
                result = sar;
                af = _step;
                ep = newLow;
                sar += af * (ep - sar);
                sar = Math.Max(Math.Max(sar, prevHigh), newHigh);
            }
            else
            {
                result = sar;
                if (newHigh > ep) { ep = newHigh; af = Math.Min(af + _step, _maximum); }
                sar += af * (ep - sar);
                sar = Math.Min(Math.Min(sar, prevLow), newLow);
            }
        }
        else
        {
            if (newHigh >= sar)
            {
                isLong = true;
                sar = Math.Min(Math.Min(ep, prevLow), newLow);
                result = sar;
                af = _step;
                ep = newHigh;
                sar += af * (ep - sar);
                sar = Math.Min(Math.Min(sar, prevLow), newLow);
            }
            else
            {
                result = sar;
                if (newLow < ep) { ep = newLow; af = Math.Min(af + _step, _maximum); }
                sar += af * (ep - sar);
                sar = Math.Max(Math.Max(sar, prevHigh), newHigh);
            }
        }
        output[0] = result;

        if (commit)
        {
            _sar = sar;
            _ep = ep;
            _af = af;
            _isLong = isLong;
            _lastHigh = newHigh;
            _lastLow = newLow;
            _index = 2;
        }
    }

    public void Reset()
    {
        _index = 0;
        _af = Math.Min(_step, _maximum);
    }
}
