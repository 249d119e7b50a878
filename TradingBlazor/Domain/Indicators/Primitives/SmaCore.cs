using System.Runtime.CompilerServices;

namespace TradingBlazor.Domain.Indicators.Primitives;

/// <summary>Simple moving average: window sum / n (TA-Lib's running-sum form).</summary>
public struct SmaCore
{
    private RollingSum _sum;

    public SmaCore(int period) => _sum = new RollingSum(period);

    public readonly int Period => _sum.Period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Step(double x, bool commit) => _sum.Step(x, commit) / _sum.Period;

    public void Reset() => _sum.Reset();
}
