using TradingBlazor.Domain.Indicators.Atr;
using TradingBlazor.Domain.Indicators.Framework;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Domain.Strategies;

/// <summary>
/// One symbol's values after each closed bar: price fields then every configured indicator output, in
/// <see cref="RuleVariables"/> slot order, plus the ATR the risk engine sizes and places exits with.
/// The streaming indicators here are the same code the live engine runs.
/// </summary>
public sealed class IndicatorFrame
{
    private readonly IStreamingIndicator[] _indicators;
    private readonly int[] _offsets;
    private readonly StreamingIndicator<AtrKernel> _atr;
    private readonly double[] _atrOut = new double[1];

    public IndicatorFrame(RuleVariables variables, int atrPeriod)
    {
        Variables = variables;
        Values = new double[variables.Count];
        Array.Fill(Values, double.NaN);
        _indicators = variables.Indicators.Select(s => s.CreateStreaming()).ToArray();
        _offsets = new int[_indicators.Length];
        int offset = RuleVariables.PriceFields.Length;
        for (int i = 0; i < _indicators.Length; i++)
        {
            _offsets[i] = offset;
            offset += _indicators[i].OutputCount;
        }
        _atr = new StreamingIndicator<AtrKernel>(new AtrKernel(atrPeriod));
    }

    public RuleVariables Variables { get; }

    /// <summary>The current values; rules read it by slot.</summary>
    public double[] Values { get; }

    /// <summary>ATR after the last bar (NaN while warming up).</summary>
    public double Atr => _atrOut[0];

    public void Update(in Ohlcv bar)
    {
        var v = Values;
        v[0] = bar.Open;
        v[1] = bar.High;
        v[2] = bar.Low;
        v[3] = bar.Close;
        v[4] = bar.Volume;
        for (int i = 0; i < _indicators.Length; i++)
            _indicators[i].Add(in bar, v.AsSpan(_offsets[i], _indicators[i].OutputCount));
        _atr.Add(in bar, _atrOut);
    }

    /// <summary>The named values of some slots (a signal's evidence).</summary>
    public Dictionary<string, double> Snapshot(IEnumerable<int> slots) => slots.ToDictionary(s => Variables.Columns[s], s => Values[s]);
}
