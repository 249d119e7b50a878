using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>
/// A Lab with prepared samples, runs and sweep results. Starting a run returns <see cref="NextRunId"/> (or
/// <see cref="StartErrors"/>); progress is pushed by the test through <see cref="Raise"/>. Every request is recorded.
/// </summary>
public sealed class FakeBacktestLab : IBacktestLab
{
    public Dictionary<string, string> SampleConfigs { get; } = new();
    public IReadOnlyDictionary<string, string> Samples => SampleConfigs;
    public string SweepTemplate { get; set; } = "";

    public List<RunRow> Runs { get; } = new();
    public Dictionary<long, RunDetail> Details { get; } = new();
    public long NextRunId { get; set; } = 42;
    public List<ConfigError> StartErrors { get; } = new();
    public IReadOnlyList<SweepPoint> SweepResult { get; set; } = Array.Empty<SweepPoint>();
    public Exception? SweepFailure { get; set; }
    public WalkForwardResult? WalkForwardResult { get; set; }

    public List<BacktestRequest> Started { get; } = new();
    public List<long> Canceled { get; } = new();
    public int ListRunsCalls { get; private set; }
    public List<long> Opened { get; } = new();
    public List<SweepRequest> Sweeps { get; } = new();
    public List<SweepRequest> WalkForwards { get; } = new();

    public event Action<BacktestProgress>? Changed;

    public void Raise(BacktestProgress progress) => Changed?.Invoke(progress);

    public bool HasSubscribers => Changed is not null;

    public Task<(long? Id, IReadOnlyList<ConfigError> Errors)> StartAsync(BacktestRequest request, CancellationToken ct = default)
    {
        Started.Add(request);
        return Task.FromResult<(long?, IReadOnlyList<ConfigError>)>(StartErrors.Count > 0 ? (null, StartErrors.ToList()) : (NextRunId, Array.Empty<ConfigError>()));
    }

    public void Cancel(long id) => Canceled.Add(id);

    /// <summary>The pages asked for, as (skip, take).</summary>
    public List<(int Skip, int Take)> Pages { get; } = new();

    /// <summary>The symbols each source has data of (any timeframe).</summary>
    public Dictionary<BacktestSource, List<string>> DataSymbols { get; } = new()
    {
        [BacktestSource.Simulated] = new() { "SPY", "AAPL", "MSFT", "NVDA", "TSLA" },
        [BacktestSource.Store] = new() { "SPX", "SPY", "QQQ", "AAPL" },
    };

    public Task<IReadOnlyList<string>> DataSymbolsAsync(BacktestSource source, Domain.MarketData.Timeframe timeframe, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<string>>(DataSymbols[source].ToList());

    public Task<RunPage> ListRunsAsync(int skip, int take, CancellationToken ct = default)
    {
        ListRunsCalls++;
        Pages.Add((skip, take));
        return Task.FromResult(new RunPage(Runs.Skip(skip).Take(take).ToList(), Runs.Count));
    }

    /// <summary>When set, opening a run waits for it (to see the component while it loads).</summary>
    public TaskCompletionSource? OpenGate { get; set; }

    public async Task<RunDetail?> OpenRunAsync(long id, CancellationToken ct = default)
    {
        Opened.Add(id);
        if (OpenGate is not null) await OpenGate.Task;
        return Details.GetValueOrDefault(id);
    }

    public List<SweepRequest> Plans { get; } = new();

    /// <summary>The real plan (it is pure): ranges and constraint checked as the Lab checks them.</summary>
    public SweepPlan PlanSweep(SweepRequest request)
    {
        Plans.Add(request);
        return request.Plan();
    }

    /// <summary>When set, sweeps report half-way (unless <see cref="SweepReportsProgress"/> is off) and wait for it or for cancellation.</summary>
    public TaskCompletionSource? SweepGate { get; set; }
    public bool SweepReportsProgress { get; set; } = true;

    public async Task<IReadOnlyList<SweepPoint>> SweepAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct)
    {
        Sweeps.Add(request);
        CheckRanges(request);
        if (SweepFailure is not null) throw SweepFailure;
        if (SweepGate is not null)
        {
            if (SweepReportsProgress) progress.Report(0.5);
            await SweepGate.Task.WaitAsync(ct);
        }
        return SweepResult;
    }

    /// <summary>Bad ranges fail as they do in the real Lab: with the parser's <see cref="FormatException"/>.</summary>
    private static void CheckRanges(SweepRequest request)
    {
        foreach (var range in request.Ranges.Where(r => !string.IsNullOrWhiteSpace(r))) ParameterSweep.ParseRange(range);
    }

    public Task<WalkForwardResult> WalkForwardAsync(SweepRequest request, IProgress<double> progress, CancellationToken ct)
    {
        WalkForwards.Add(request);
        CheckRanges(request);
        if (SweepFailure is not null) throw SweepFailure;
        return Task.FromResult(WalkForwardResult ?? throw new InvalidOperationException("The test gave no walk-forward result."));
    }
}
