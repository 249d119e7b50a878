using TradingBlazor.Domain.Indicators.Adx;
using TradingBlazor.Domain.Indicators.Atr;
using TradingBlazor.Domain.Indicators.BollingerBands;
using TradingBlazor.Domain.Indicators.Cci;
using TradingBlazor.Domain.Indicators.Donchian;
using TradingBlazor.Domain.Indicators.Ema;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Indicators.Keltner;
using TradingBlazor.Domain.Indicators.Macd;
using TradingBlazor.Domain.Indicators.Mfi;
using TradingBlazor.Domain.Indicators.Obv;
using TradingBlazor.Domain.Indicators.ParabolicSar;
using TradingBlazor.Domain.Indicators.Roc;
using TradingBlazor.Domain.Indicators.Rsi;
using TradingBlazor.Domain.Indicators.Sma;
using TradingBlazor.Domain.Indicators.Stochastic;
using TradingBlazor.Domain.Indicators.SuperTrend;
using TradingBlazor.Domain.Indicators.Vwap;
using TradingBlazor.Domain.Indicators.Vwma;
using TradingBlazor.Domain.Indicators.WilliamsR;
using TradingBlazor.Domain.Indicators.Wma;
using static TradingBlazor.Domain.Indicators.Registry.IndicatorParameter;

namespace TradingBlazor.Domain.Indicators.Registry;

/// <summary>Every indicator, discoverable by id. Definitions (and where they differ from other tools) live on the kernels.</summary>
public sealed class IndicatorCatalog
{
    public static readonly IndicatorCatalog Default = new(Build());

    private readonly Dictionary<string, IndicatorDefinition> _byId;

    public IndicatorCatalog(IEnumerable<IndicatorDefinition> definitions)
    {
        All = definitions.ToList();
        _byId = All.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<IndicatorDefinition> All { get; }

    public IndicatorDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    private static int I(IReadOnlyList<double> p, int i) => (int)p[i];

    private static IEnumerable<IndicatorDefinition> Build()
    {
        var single = new[] { "value" };
        var bands = new[] { "upper", "middle", "lower" };
        yield return IndicatorDefinition.ForValues("sma", "Simple moving average", "Mean of the last n closes.", IndicatorPane.Price,
            new[] { Period("period", 20, "Bars averaged") }, single, p => new SmaKernel<CloseField>(I(p, 0)));
        yield return IndicatorDefinition.ForValues("ema", "Exponential moving average", "EMA with alpha 2/(n+1), seeded with the first SMA.", IndicatorPane.Price,
            new[] { Period("period", 20, "Bars (alpha = 2/(n+1))") }, single, p => new EmaKernel(I(p, 0)));
        yield return IndicatorDefinition.ForValues("wma", "Weighted moving average", "Linearly weighted mean, newest close weighted n.", IndicatorPane.Price,
            new[] { Period("period", 20, "Bars averaged") }, single, p => new WmaKernel(I(p, 0)));
        yield return IndicatorDefinition.ForValues("rsi", "Relative strength index", "Wilder RSI, 0-100.", IndicatorPane.Separate,
            new[] { Period("period", 14, "Wilder smoothing length", min: 2) }, single, p => new RsiKernel(I(p, 0)), levels: new[] { 30.0, 70.0 });
        yield return IndicatorDefinition.For("macd", "MACD", "EMA(fast) − EMA(slow), its signal EMA and histogram.", IndicatorPane.Separate,
            new[] { Period("fast", 12, "Fast EMA length", min: 2), Period("slow", 26, "Slow EMA length", min: 2), Period("signal", 9, "Signal EMA length") },
            new[] { "macd", "signal", "hist" }, p => new MacdKernel(I(p, 0), I(p, 1), I(p, 2)),
            crossCheck: p => p[0] < p[1] ? null : $"fast ({Format(p[0])}) must be less than slow ({Format(p[1])}).", levels: new[] { 0.0 });
        yield return IndicatorDefinition.For("stoch", "Stochastic", "Slow stochastic %K and %D, 0-100.", IndicatorPane.Separate,
            new[] { Period("k", 14, "%K lookback"), Period("smooth_k", 3, "%K smoothing"), Period("d", 3, "%D smoothing") },
            new[] { "k", "d" }, p => new StochasticKernel(I(p, 0), I(p, 1), I(p, 2)), levels: new[] { 20.0, 80.0 });
        yield return IndicatorDefinition.For("bbands", "Bollinger Bands", "SMA ± k population standard deviations, with %B and bandwidth.", IndicatorPane.Price,
            new[] { Period("period", 20, "SMA length", min: 2), Number("stddev", 2, 0.1, 10, "Band width in standard deviations") },
            new[] { "upper", "middle", "lower", "percent_b", "bandwidth" }, p => new BollingerBandsKernel(I(p, 0), p[1]), plotted: bands);
        yield return IndicatorDefinition.For("atr", "Average true range", "Wilder-smoothed true range.", IndicatorPane.Separate,
            new[] { Period("period", 14, "Wilder smoothing length") }, single, p => new AtrKernel(I(p, 0)));
        yield return IndicatorDefinition.For("obv", "On-balance volume", "Running volume, added on up closes and subtracted on down closes.", IndicatorPane.Separate,
            Array.Empty<IndicatorParameter>(), single, _ => new ObvKernel());
        yield return IndicatorDefinition.ForValues("volume_sma", "Volume SMA", "Mean of the last n volumes.", IndicatorPane.Separate,
            new[] { Period("period", 20, "Bars averaged") }, single, p => new SmaKernel<VolumeField>(I(p, 0)));
        yield return IndicatorDefinition.For("vwap", "Session VWAP", "Volume-weighted typical price since the session's first bar (New York date).", IndicatorPane.Price,
            Array.Empty<IndicatorParameter>(), single, _ => new SessionVwapKernel());
        yield return IndicatorDefinition.For("vwma", "Volume-weighted moving average", "Σ(close·volume)/Σ(volume) over n bars.", IndicatorPane.Price,
            new[] { Period("period", 20, "Bars averaged") }, single, p => new VwmaKernel(I(p, 0)));
        yield return IndicatorDefinition.For("adx", "ADX / DMI", "Average directional index with +DI and −DI.", IndicatorPane.Separate,
            new[] { Period("period", 14, "Wilder smoothing length", min: 2) }, new[] { "adx", "plus_di", "minus_di" }, p => new AdxKernel(I(p, 0)), levels: new[] { 25.0 });
        yield return IndicatorDefinition.For("cci", "Commodity channel index", "Typical price's distance from its SMA in mean deviations / 0.015.", IndicatorPane.Separate,
            new[] { Period("period", 20, "Window", min: 2) }, single, p => new CciKernel(I(p, 0)), levels: new[] { -100.0, 100.0 });
        yield return IndicatorDefinition.ForValues("roc", "Rate of change", "Percent change over n bars.", IndicatorPane.Separate,
            new[] { Period("period", 10, "Bars back") }, single, p => new RocKernel(I(p, 0)), levels: new[] { 0.0 });
        yield return IndicatorDefinition.For("willr", "Williams %R", "Close within the n-bar range, −100..0.", IndicatorPane.Separate,
            new[] { Period("period", 14, "Window") }, single, p => new WilliamsRKernel(I(p, 0)), levels: new[] { -80.0, -20.0 });
        yield return IndicatorDefinition.For("mfi", "Money flow index", "Volume-weighted RSI of the typical price, 0-100.", IndicatorPane.Separate,
            new[] { Period("period", 14, "Window") }, single, p => new MfiKernel(I(p, 0)), levels: new[] { 20.0, 80.0 });
        yield return IndicatorDefinition.For("sar", "Parabolic SAR", "Wilder's stop-and-reverse trailing level.", IndicatorPane.Price,
            new[] { Number("acceleration", 0.02, 0.001, 1, "Acceleration step"), Number("maximum", 0.2, 0.001, 1, "Maximum acceleration") }, single,
            p => new ParabolicSarKernel(p[0], p[1]), crossCheck: p => p[0] <= p[1] ? null : "acceleration must not exceed maximum.");
        yield return IndicatorDefinition.For("keltner", "Keltner Channels", "EMA ± k·ATR.", IndicatorPane.Price,
            new[] { Period("period", 20, "EMA length"), Number("multiplier", 2, 0.1, 10, "ATR multiple"), Period("atr_period", 10, "ATR length") },
            bands, p => new KeltnerKernel(I(p, 0), p[1], I(p, 2)));
        yield return IndicatorDefinition.For("donchian", "Donchian Channels", "Highest high and lowest low over n bars, and their mean.", IndicatorPane.Price,
            new[] { Period("period", 20, "Window") }, bands, p => new DonchianKernel(I(p, 0)));
        yield return IndicatorDefinition.For("supertrend", "SuperTrend", "ATR trailing band that flips with the trend; direction +1 up, −1 down.", IndicatorPane.Price,
            new[] { Period("atr_period", 10, "ATR length"), Number("factor", 3, 0.1, 20, "ATR multiple") },
            new[] { "line", "direction" }, p => new SuperTrendKernel(I(p, 0), p[1]), plotted: new[] { "line" });
    }
}
