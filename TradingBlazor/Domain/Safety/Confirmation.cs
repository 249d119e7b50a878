namespace TradingBlazor.Domain.Safety;

/// <summary>
/// Phrases the trader must type for what cannot be taken back: trading with real money, lifting the kill switch, and
/// selling a bot's positions to delete it (its name). The server checks them, so no client can set a flag instead.
/// </summary>
public static class Confirmation
{
    public const string LiveTrading = "LIVE";
    public const string RearmKillSwitch = "RE-ARM";

    /// <summary>
    /// Engaging the kill switch, typed in the UI against a slip of the mouse. The API engages without it: stopping is the
    /// safe direction, and a script in an emergency must not be made to spell.
    /// </summary>
    public const string EngageKillSwitch = "HALT";

    /// <summary>The field that carries the typed phrase, in every request that needs one.</summary>
    public const string Field = "confirmation";

    /// <summary>Exactly the phrase, case and all: a confirmation that almost matches is not one.</summary>
    public static bool Matches(string phrase, string? typed) => string.Equals(typed, phrase, StringComparison.Ordinal);
}
