namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// Alpaca's order rules, checked before sending so that a mistake costs no request and says which field is wrong
/// (the exception's ParamName is the wire field). The server stays the authority; these are the documented rules only.
/// </summary>
public static class AlpacaOrderRules
{
    private static readonly string[] Types = { "market", "limit", "stop", "stop_limit", "trailing_stop" };
    private static readonly string[] TimesInForce = { "day", "gtc", "ioc", "fok", "opg", "cls" };

    public static void Validate(AlpacaOrderRequest o)
    {
        Require(o.Side is "buy" or "sell", "side", $"side must be buy or sell (got '{o.Side}')");
        Require(Array.IndexOf(Types, o.Type) >= 0, "type", $"type must be one of {string.Join(", ", Types)} (got '{o.Type}')");
        Require(Array.IndexOf(TimesInForce, o.TimeInForce) >= 0, "time_in_force", $"time_in_force must be one of {string.Join(", ", TimesInForce)} (got '{o.TimeInForce}')");
        Require((o.Qty is null) != (o.Notional is null), "qty", "give exactly one of qty and notional");
        Require(o.Qty is null or > 0, "qty", "qty must be greater than 0");
        Require(o.Notional is null or > 0, "notional", "notional must be greater than 0");
        if (o.Notional is not null)
            Require(o.Type != "trailing_stop" && o.TimeInForce == "day", "notional", "notional (fractional) orders must be day orders and cannot be trailing stops");

        bool needsLimit = o.Type is "limit" or "stop_limit", needsStop = o.Type is "stop" or "stop_limit";
        Require(needsLimit == (o.LimitPrice is not null), "limit_price", needsLimit ? $"a {o.Type} order needs limit_price" : $"a {o.Type} order takes no limit_price");
        Require(needsStop == (o.StopPrice is not null), "stop_price", needsStop ? $"a {o.Type} order needs stop_price" : $"a {o.Type} order takes no stop_price");
        if (o.Type == "trailing_stop")
            Require((o.TrailPrice is null) != (o.TrailPercent is null), "trail_price", "a trailing_stop order needs exactly one of trail_price and trail_percent");
        else
            Require(o.TrailPrice is null && o.TrailPercent is null, "trail_price", "only trailing_stop orders take trail_price or trail_percent");
        if (o.ExtendedHours == true)
            Require(o.Type == "limit" && o.TimeInForce is "day" or "gtc", "extended_hours", "extended_hours needs a limit order with time_in_force day or gtc");

        Price(o.LimitPrice, "limit_price");
        Price(o.StopPrice, "stop_price");
        Price(o.TakeProfit?.LimitPrice, "take_profit.limit_price");
        Price(o.StopLoss?.StopPrice, "stop_loss.stop_price");
        Price(o.StopLoss?.LimitPrice, "stop_loss.limit_price");
        ValidateClass(o);
    }

    private static void ValidateClass(AlpacaOrderRequest o)
    {
        switch (o.OrderClass ?? "simple")
        {
            case "simple" or "":
                Require(o.TakeProfit is null && o.StopLoss is null, "order_class", "take_profit and stop_loss need order_class bracket, oco or oto");
                break;
            case "bracket":
                Require(o.Type is "market" or "limit" && o.TimeInForce is "day" or "gtc", "order_class", "a bracket entry must be a market or limit order, day or gtc");
                Require(o.TakeProfit?.LimitPrice is not null, "take_profit.limit_price", "a bracket order needs take_profit.limit_price");
                Require(o.StopLoss?.StopPrice is not null, "stop_loss.stop_price", "a bracket order needs stop_loss.stop_price");
                Require(o.Notional is null, "notional", "bracket orders need a whole qty");
                CheckLegOrder(o);
                break;
            case "oco":
                Require(o.Type == "limit", "type", "an oco order is a limit order (its take-profit leg)");
                Require(o.TakeProfit?.LimitPrice is not null && o.StopLoss?.StopPrice is not null, "order_class", "an oco order needs take_profit.limit_price and stop_loss.stop_price");
                CheckLegOrder(o);
                break;
            case "oto":
                Require((o.TakeProfit is null) != (o.StopLoss is null), "order_class", "an oto order needs exactly one of take_profit and stop_loss");
                break;
            default:
                throw new ArgumentException($"order_class must be simple, bracket, oco or oto (got '{o.OrderClass}')", "order_class");
        }
    }

    // A long bracket takes profit above its stop; a short one below.
    private static void CheckLegOrder(AlpacaOrderRequest o)
    {
        if (o.TakeProfit?.LimitPrice is not { } target || o.StopLoss?.StopPrice is not { } stop) return;
        bool exitSells = o.OrderClass == "oco" ? o.Side == "sell" : o.Side == "buy";
        Require(exitSells ? target > stop : target < stop, "take_profit.limit_price",
            $"take_profit.limit_price ({target}) must be {(exitSells ? "above" : "below")} stop_loss.stop_price ({stop})");
    }

    /// <summary>Alpaca's tick rule: at most 2 decimals at $1 and above, 4 below.</summary>
    private static void Price(decimal? price, string field)
    {
        if (price is not { } p) return;
        Require(p > 0, field, $"{field} must be greater than 0");
        int places = p >= 1 ? 2 : 4;
        Require(decimal.Round(p, places) == p, field, $"{field} {p} has more than {places} decimals (sub-penny)");
    }

    private static void Require(bool ok, string field, string message)
    {
        if (!ok) throw new ArgumentException(message, field);
    }
}
