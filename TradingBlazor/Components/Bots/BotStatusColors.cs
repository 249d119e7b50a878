using MudBlazor;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Components.Bots;

/// <summary>The colour of a bot's status chip, the same in every list and card.</summary>
public static class BotStatusColors
{
    public static Color Of(BotStatus status) => status switch
    {
        BotStatus.Running => Color.Success,
        BotStatus.Paused => Color.Warning,
        BotStatus.Error => Color.Error,
        _ => Color.Default,
    };
}
