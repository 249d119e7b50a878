using System.Runtime.CompilerServices;
namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>
/// The one math kernel of an indicator, shared by its batch and streaming forms (so they agree bit for bit).
/// <see cref="Step"/> computes the outputs for a bar after all committed bars; with <c>commit</c> the bar
/// becomes part of the state, without it (the live in-progress bar) the state is left untouched.
/// O(1) work per bar unless the indicator's definition needs a window scan (CCI's mean deviation).
/// </summary>
public interface IIndicatorKernel
{
    /// <summary>Number of outputs written by <see cref="Step"/>.</summary>
    int OutputCount { get; }

    /// <summary>Index of the first bar at which every output has a value (TA-Lib's lookback); earlier bars have NaNs.</summary>
    int Lookback { get; }

    /// <summary>
    /// Index of the first bar with a value for one output, its own TA-Lib lookback (ADX's +DI/−DI start at n, the ADX
    /// itself at 2n−1); earlier values of it are NaN. All outputs start together unless a kernel says otherwise.
    /// </summary>
    int OutputLookback(int output) => Lookback;

    void Step(in Ohlcv bar, bool commit, Span<double> output);

    /// <summary>Forgets every committed bar.</summary>
    void Reset();
}
