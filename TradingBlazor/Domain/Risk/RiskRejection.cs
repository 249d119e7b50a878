namespace TradingBlazor.Domain.Risk;

/// <summary>Why the risk engine refused an order; shown in the UI and logs with a message.</summary>
public enum RiskRejectionCode
{
    BotHalted,
    DailyLossLimit,
    MaxDrawdown,
    AlreadyInPosition,
    NoPosition,
    MaxOpenPositions,
    ExposureLimit,
    InsufficientCash,
    OutsideTradingWindow,
    IndicatorNotReady,
    BotPaused,
    PatternDayTrader,
    PriceDrift,
    ApprovalExpired,
    BelowApprovalThreshold,
}

public sealed record RiskRejection(RiskRejectionCode Code, string Message);
