namespace TradingBlazor.Components.Shared;

/// <summary>Where a bot's name links to, from every list that names one.</summary>
public static class BotLinks
{
    public static string Href(long botId) => $"bots/{botId}";
}
