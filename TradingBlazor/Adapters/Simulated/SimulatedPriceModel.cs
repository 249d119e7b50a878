using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Adapters.Simulated;

/// <summary>
/// Deterministic synthetic prices for any symbol and session, from a seed:
/// a daily chain (GARCH(1,1)-style volatility clustering, overnight gaps, occasional large gaps) fixes each session's
/// open and close; the minutes in between are a Brownian bridge whose variance and volume are U-shaped (busier near
/// the open and close). Any session can be generated on its own once the daily chain reaches it, so history and live
/// bars are the same numbers. Well-known symbols trade near their real levels around the present
/// (<see cref="SimulatedLevels"/>). Prices stay positive and on a penny grid.
/// </summary>
public sealed class SimulatedPriceModel
{
    private static readonly DateOnly ChainStart = new(2000, 1, 3);
    // Long-run daily volatility of symbols without a reference.
    private const double LongRunDailyVol = 0.016;
    private const double GarchAlpha = 0.08, GarchBeta = 0.90;
    // ~7%/year log growth; reversion toward it with a half-life of ~380 sessions.
    private const double TrendPerSession = 0.07 / 252, MeanReversion = 0.0018;

    private readonly IMarketCalendar _calendar;
    private readonly int _seed;
    private readonly Dictionary<string, DailyChain> _chains = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public SimulatedPriceModel(IMarketCalendar calendar, int seed)
    {
        _calendar = calendar;
        _seed = seed;
    }

    /// <summary>The 1-minute bars of one session (empty when the market is closed that day).</summary>
    public IReadOnlyList<Bar> MinuteBars(string symbol, DateOnly date)
    {
        var session = _calendar.GetSession(date);
        if (session is null) return Array.Empty<Bar>();
        var day = Day(symbol, date);
        int minutes = (int)(session.CloseUtc - session.OpenUtc).TotalMinutes;
        var random = new Random(Hash(_seed, symbol, date.DayNumber));

        // U-shaped weights: about 3x the variance and volume at the open and close than at midday.
        var weights = new double[minutes];
        double totalWeight = 0;
        for (int m = 0; m < minutes; m++)
        {
            double x = (m + 0.5) / minutes * 2 - 1;
            weights[m] = 1 + 2 * x * x;
            totalWeight += weights[m];
        }

        // Brownian bridge in log price from the open to the close.
        var path = new double[minutes + 1];
        double logOpen = Math.Log((double)day.Open), logClose = Math.Log((double)day.Close);
        double scale = day.Volatility / Math.Sqrt(totalWeight);
        for (int m = 0; m < minutes; m++) path[m + 1] = path[m] + Gaussian(random) * scale * Math.Sqrt(weights[m]);
        double drift = path[minutes] - (logClose - logOpen);
        for (int m = 0; m <= minutes; m++) path[m] = logOpen + path[m] - drift * m / minutes;

        var bars = new Bar[minutes];
        decimal previousClose = day.Open;
        for (int m = 0; m < minutes; m++)
        {
            decimal open = previousClose;
            decimal close = m == minutes - 1 ? day.Close : Penny(Math.Exp(path[m + 1]));
            double wick = Math.Abs(Gaussian(random)) * scale * Math.Sqrt(weights[m]) * 0.6;
            decimal high = Math.Max(Math.Max(open, close), Penny((double)Math.Max(open, close) * Math.Exp(wick), up: true));
            decimal low = Math.Min(Math.Min(open, close), Math.Max(0.01m, Penny((double)Math.Min(open, close) * Math.Exp(-wick * (0.5 + random.NextDouble())), up: false)));
            decimal volume = Math.Round((decimal)(day.Volume / totalWeight * weights[m] * Math.Exp(0.35 * Gaussian(random))));
            bars[m] = new Bar(symbol.ToUpperInvariant(), Timeframe.Minute1, session.OpenUtc.AddMinutes(m), open, high, low, close, volume);
            previousClose = close;
        }
        return bars;
    }

    private readonly record struct SessionDay(decimal Open, decimal Close, double Volatility, double Volume);

    // Unscaled log open and close: the chain's scale is fixed only once the anchor is reached.
    private readonly record struct LogDay(double Open, double Close, double Volatility, double Volume);

    private SessionDay Day(string symbol, DateOnly date)
    {
        if (date < ChainStart) throw new ArgumentOutOfRangeException(nameof(date), date, $"The simulated market starts on {ChainStart:yyyy-MM-dd}.");
        lock (_gate)
        {
            if (!_chains.TryGetValue(symbol, out var chain))
            {
                var reference = SimulatedLevels.Find(symbol);
                _chains[symbol] = chain = new DailyChain(_calendar, Hash(_seed, symbol, 0), reference);
            }
            return chain.Get(date);
        }
    }

    /// <summary>
    /// Session opens and closes of one symbol, generated in date order and kept. Log prices
    /// mean-revert (slowly) around a growth trend so no era drifts to absurd levels; the whole
    /// chain is then scaled so the close on <see cref="SimulatedLevels.AnchorDate"/> is the
    /// symbol's reference level.
    /// </summary>
    private sealed class DailyChain
    {
        private readonly IMarketCalendar _calendar;
        private readonly Random _random;
        private readonly Dictionary<DateOnly, LogDay> _days = new();
        private readonly double _dailyVol, _baseVolume, _logScale;
        private DateOnly _next = ChainStart;
        private double _logClose, _trend, _lastReturn, _variance;

        public DailyChain(IMarketCalendar calendar, int seed, SimulatedLevels.Reference? reference)
        {
            _calendar = calendar;
            _random = new Random(seed);
            // Drawn even for known symbols so the random stream does not depend on the table.
            double seededLevel = 20 + _random.NextDouble() * 280;
            _baseVolume = 2_000_000 + _random.NextDouble() * 30_000_000;
            _dailyVol = reference?.DailyVolatility ?? LongRunDailyVol;
            _variance = _dailyVol * _dailyVol;
            // Generated up to the anchor once, so every later request shares one scale.
            var anchor = LastSessionOnOrBefore(SimulatedLevels.AnchorDate);
            Advance(anchor);
            double level = (double)(reference?.Level ?? Penny(seededLevel));
            _logScale = Math.Log(level) - _days[anchor].Close;
        }

        public SessionDay Get(DateOnly date)
        {
            Advance(date);
            var d = _days[date];
            decimal open = Penny(Math.Exp(d.Open + _logScale));
            decimal close = Penny(Math.Exp(d.Close + _logScale));
            return new SessionDay(open, close, d.Volatility, d.Volume);
        }

        private void Advance(DateOnly date)
        {
            while (_next <= date)
            {
                if (_calendar.GetSession(_next) is not null) Generate(_next);
                _next = _next.AddDays(1);
            }
        }

        private DateOnly LastSessionOnOrBefore(DateOnly date)
        {
            while (_calendar.GetSession(date) is null) date = date.AddDays(-1);
            return date;
        }

        private void Generate(DateOnly date)
        {
            double longRun = _dailyVol * _dailyVol;
            _variance = longRun * (1 - GarchAlpha - GarchBeta)
                + GarchAlpha * _lastReturn * _lastReturn + GarchBeta * _variance;
            double sigma = Math.Sqrt(_variance);
            double gap = Gaussian(_random) * sigma * 0.3;
            if (_random.NextDouble() < 0.04) gap += Gaussian(_random) * sigma * 2; // news gap
            double logOpen = _logClose + gap;
            // Trend growth plus a pull back toward the trend.
            double pull = -MeanReversion * (_logClose - _trend);
            _trend += TrendPerSession;
            double logClose = logOpen + Gaussian(_random) * sigma * 0.9 + TrendPerSession + pull;
            _lastReturn = logClose - _logClose;
            double volume = _baseVolume * (0.6 + 0.6 * sigma / _dailyVol) * Math.Exp(0.25 * Gaussian(_random));
            _days[date] = new LogDay(logOpen, logClose, sigma * 0.9, volume);
            _logClose = logClose;
        }
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static decimal Penny(double price, bool? up = null)
    {
        decimal value = (decimal)Math.Max(price, 0.01);
        decimal rounded = up switch
        {
            true => Math.Ceiling(value * 100) / 100,
            false => Math.Floor(value * 100) / 100,
            null => Math.Round(value, 2, MidpointRounding.AwayFromZero),
        };
        return Math.Max(rounded, 0.01m);
    }

    // FNV-1a: stable across processes (string.GetHashCode is randomised per process).
    private static int Hash(int seed, string symbol, int day)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (char c in symbol.ToUpperInvariant()) h = (h ^ c) * 16777619;
            h = (h ^ (uint)seed) * 16777619;
            h = (h ^ (uint)day) * 16777619;
            return (int)(h & 0x7FFFFFFF);
        }
    }
}
