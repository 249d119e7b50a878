using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TradingBlazor.Cli;

/// <summary>
/// What <c>bench indicators</c> times with: wall time, or (<c>--clock thread</c>, Linux) the CPU time of the calling
/// thread. On a shared machine under load a 2 ms run is often descheduled part way, and its wall time then measures
/// the other processes; thread time leaves those waits out (both sides of a TA-Lib ratio use the same clock).
/// </summary>
internal sealed class BenchClock
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    private readonly bool _thread;

    private BenchClock(bool thread) => _thread = thread;

    public static readonly BenchClock Wall = new(thread: false);

    public string Name => _thread ? "thread CPU time" : "wall time";

    public static BenchClock Parse(string? name) => name switch
    {
        null or "wall" => Wall,
        "thread" when OperatingSystem.IsLinux() => new BenchClock(thread: true),
        "thread" => throw new CliUsageException("--clock thread needs Linux"),
        _ => throw new CliUsageException($"--clock must be wall or thread, got '{name}'"),
    };

    /// <summary>A reading in nanoseconds; only differences mean anything.</summary>
    public long Now()
    {
        if (!_thread) return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
        if (ClockGetTime(ThreadCpuClock, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
