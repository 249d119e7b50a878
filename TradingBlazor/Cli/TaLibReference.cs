using System.Runtime.InteropServices;
using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Cli;

/// <summary>
/// TA-Lib C timed in this process on the benchmark's own bars (the library tools/talib-bench builds), so a ratio to
/// it compares calls made moments apart, under the same load. Benchmark-only: nothing else loads native code.
/// </summary>
internal sealed class TaLibReference : IDisposable
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int LoadFunction(nint open, nint high, nint low, nint close, nint volume, int count, nint out1, nint out2, nint out3);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int RunFunction([MarshalAs(UnmanagedType.LPUTF8Str)] string spec);

    private readonly nint _library;
    private readonly RunFunction _run;
    private readonly double[][] _pinned; // TA-Lib keeps pointers to these: pinned arrays never move
    private readonly int _count;
    private readonly BenchClock _clock;

    public TaLibReference(string libraryPath, Ohlcv[] bars, BenchClock clock)
    {
        _clock = clock;
        _library = NativeLibrary.Load(libraryPath);
        _count = bars.Length;
        _pinned = new double[8][];
        for (int i = 0; i < _pinned.Length; i++) _pinned[i] = GC.AllocateUninitializedArray<double>(bars.Length, pinned: true);
        for (int b = 0; b < bars.Length; b++)
        {
            _pinned[0][b] = bars[b].Open;
            _pinned[1][b] = bars[b].High;
            _pinned[2][b] = bars[b].Low;
            _pinned[3][b] = bars[b].Close;
            _pinned[4][b] = bars[b].Volume;
        }
        var load = Marshal.GetDelegateForFunctionPointer<LoadFunction>(NativeLibrary.GetExport(_library, "tb_load"));
        _run = Marshal.GetDelegateForFunctionPointer<RunFunction>(NativeLibrary.GetExport(_library, "tb_run"));
        var p = _pinned.Select(a => Marshal.UnsafeAddrOfPinnedArrayElement(a, 0)).ToArray();
        if (load(p[0], p[1], p[2], p[3], p[4], bars.Length, p[5], p[6], p[7]) != 0)
            throw new CliUsageException($"TA-Lib in '{libraryPath}' did not initialise");
    }

    /// <summary>Whether TA-Lib has this spec (e.g. "sma(20)"); runs it once (a warm-up) when it does.</summary>
    public bool Has(string spec) => _run(spec) == 0;

    /// <summary>One call over every bar, in ns per bar.</summary>
    public double Time(string spec)
    {
        long start = _clock.Now();
        _run(spec);
        return (double)(_clock.Now() - start) / _count;
    }

    public void Dispose()
    {
        GC.KeepAlive(_pinned);
        NativeLibrary.Free(_library);
    }
}
