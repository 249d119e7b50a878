using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Engine.Charts;

/// <summary>
/// One open chart: loads history, keeps the chart-timeframe bar under construction from 1-minute feed updates, and
/// runs each indicator in its streaming form: closed bars are added, the live bar is previewed. No UI here: the
/// component forwards <see cref="Ticked"/> to the browser.
/// </summary>
public sealed class LiveChartSession : IDisposable
{
    private readonly object _gate = new();
    private readonly string _symbol;
    private readonly Timeframe _timeframe;
    private readonly ChartSource _source;
    private readonly List<Bar> _bars = new();
    private readonly List<(IndicatorSpec Spec, IStreamingIndicator Stream)> _indicators = new();
    private Bar? _bucket;          // closed minutes of the chart bar under construction
    private readonly double[] _scratch = new double[IndicatorCatalog.Default.All.Max(d => d.Outputs.Count)]; // reused per tick, under _gate
    private bool _subscribed;

    public LiveChartSession(string symbol, Timeframe timeframe, ChartSource source)
    {
        _symbol = symbol.ToUpperInvariant();
        _timeframe = timeframe;
        _source = source;
    }

    public event Action<ChartTick>? Ticked;

    public static TimeSpan HistoryWindow(Timeframe timeframe) => timeframe.Code switch
    {
        "1m" => TimeSpan.FromDays(3),
        "5m" => TimeSpan.FromDays(10),
        "15m" => TimeSpan.FromDays(30),
        "1h" => TimeSpan.FromDays(120),
        _ => TimeSpan.FromDays(800),
    };

    public async Task<ChartSnapshot> LoadAsync(IEnumerable<IndicatorSpec> specs, CancellationToken ct = default)
    {
        var now = _source.Now();
        var history = await _source.History.GetBarsAsync(_symbol, _timeframe, _source.HistoryFromUtc ?? now - HistoryWindow(_timeframe), now, ct);
        Bar? bucket = null;
        if (_timeframe != Timeframe.Minute1 && _source.Feed is not null)
        {
            // The chart bar in progress: its minutes so far (history only returns completed chart bars).
            var start = BarAggregator.BucketStart(now, _timeframe);
            var minutes = await _source.History.GetBarsAsync(_symbol, Timeframe.Minute1, start, now, ct);
            bucket = BarAggregator.Aggregate(minutes, _timeframe).SingleOrDefault();
        }
        lock (_gate)
        {
            _bars.Clear();
            _bars.AddRange(history);
            _bucket = bucket;
            _indicators.Clear();
            var series = specs.Select(AddLocked).ToList();
            var candles = _bars.Select(ToCandle).ToList();
            if (_bucket is not null) candles.Add(ToCandle(_bucket));
            if (!_subscribed && _source.Feed is not null)
            {
                _source.Feed.BarUpdated += OnBarUpdate;
                _subscribed = true;
            }
            return new ChartSnapshot(_symbol, _timeframe.Code, _source.IsSimulated, _source.Name, candles, series);
        }
    }

    /// <summary>Adds an indicator, computed over the loaded bars; returns its series for the chart.</summary>
    public ChartIndicator AddIndicator(IndicatorSpec spec)
    {
        lock (_gate) return AddLocked(spec);
    }

    public void RemoveIndicator(string key)
    {
        lock (_gate) _indicators.RemoveAll(i => i.Spec.Key == key);
    }

    public int BarCount
    {
        get { lock (_gate) return _bars.Count; }
    }

    private ChartIndicator AddLocked(IndicatorSpec spec)
    {
        _indicators.RemoveAll(i => i.Spec.Key == spec.Key);
        var stream = spec.CreateStreaming();
        var definition = spec.Definition;
        int width = definition.Outputs.Count;
        var points = Enumerable.Range(0, width).Select(_ => new List<ChartPoint>(_bars.Count)).ToArray();
        var output = new double[width];
        foreach (var bar in _bars)
        {
            stream.Add(bar.ToOhlcv(), output);
            for (int o = 0; o < width; o++)
                if (!double.IsNaN(output[o])) points[o].Add(new ChartPoint(bar.StartUnixMs / 1000, output[o]));
        }
        if (_bucket is not null)
        {
            stream.Preview(_bucket.ToOhlcv(), output);
            for (int o = 0; o < width; o++)
                if (!double.IsNaN(output[o])) points[o].Add(new ChartPoint(_bucket.StartUnixMs / 1000, output[o]));
        }
        _indicators.Add((spec, stream));
        var outputs = definition.PlottedOutputIndexes
            .Select(o => new ChartOutput(definition.Outputs[o], width == 1 ? spec.ToString() : $"{definition.Id} {definition.Outputs[o]}", points[o]))
            .ToList();
        return new ChartIndicator(spec.Key, spec.ToString(), definition.Pane == IndicatorPane.Price ? "price" : "separate", definition.Levels, outputs);
    }

    /// <summary>Feed handler: folds a 1-minute update into the chart bar and publishes the tick.</summary>
    public void OnBarUpdate(BarUpdate update)
    {
        if (!string.Equals(update.Bar.Symbol, _symbol, StringComparison.OrdinalIgnoreCase)) return;
        ChartTick tick;
        lock (_gate)
        {
            var minute = update.Bar;
            var bucketStart = BarAggregator.BucketStart(minute.StartUtc, _timeframe);
            if (_bars.Count > 0 && bucketStart <= _bars[^1].StartUtc) return; // already part of the history
            if (_bucket is not null && bucketStart > _bucket.StartUtc)
            {
                Close(_bucket);
                _bucket = null;
            }
            var shown = Fold(_bucket, minute, bucketStart);
            if (update.Kind == BarUpdateKind.Closed) _bucket = shown;
            tick = new ChartTick(ToCandle(shown), Preview(shown));
        }
        Ticked?.Invoke(tick);
    }

    private void Close(Bar bar)
    {
        _bars.Add(bar);
        var ohlcv = bar.ToOhlcv();
        foreach (var (_, stream) in _indicators) stream.Add(ohlcv, _scratch.AsSpan(0, stream.OutputCount));
    }

    private Dictionary<string, double?[]> Preview(Bar bar)
    {
        var values = new Dictionary<string, double?[]>();
        var output = _scratch;
        var ohlcv = bar.ToOhlcv();
        foreach (var (spec, stream) in _indicators)
        {
            stream.Preview(ohlcv, output.AsSpan(0, stream.OutputCount));
            // Same order as the plotted series the chart holds.
            values[spec.Key] = spec.Definition.PlottedOutputIndexes.Select(o => double.IsNaN(output[o]) ? (double?)null : output[o]).ToArray();
        }
        return values;
    }

    private Bar Fold(Bar? bucket, Bar minute, DateTime bucketStart) => bucket is null
        ? minute with { Timeframe = _timeframe, StartUtc = bucketStart }
        : bucket with
        {
            High = Math.Max(bucket.High, minute.High),
            Low = Math.Min(bucket.Low, minute.Low),
            Close = minute.Close,
            Volume = bucket.Volume + minute.Volume,
        };

    private static ChartCandle ToCandle(Bar b) => new(b.StartUnixMs / 1000, (double)b.Open, (double)b.High, (double)b.Low, (double)b.Close, (double)b.Volume);

    public void Dispose()
    {
        if (_subscribed && _source.Feed is not null) _source.Feed.BarUpdated -= OnBarUpdate;
        _subscribed = false;
    }
}
