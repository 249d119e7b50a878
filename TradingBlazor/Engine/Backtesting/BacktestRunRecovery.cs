namespace TradingBlazor.Engine.Backtesting;

/// <summary>At start-up (after the store is ready, before any run can start): runs a dead process left running end as interrupted.</summary>
public sealed class BacktestRunRecovery(BacktestService backtests) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => backtests.MarkInterruptedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
