using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// Bot CRUD and lifecycle: the one service behind the REST API, the UI and the CLI.
/// Edits are allowed while a bot is stopped or paused and bump its revision (a running bot's config never changes
/// under it); delete is refused while the bot holds positions unless asked to flatten; stop leaves positions unless
/// asked to flatten; pause blocks new entries while exits and risk keep running.
/// </summary>
public interface IBotService
{
    Task<IReadOnlyList<BotSummary>> ListAsync(CancellationToken ct = default);

    Task<BotDetails?> GetAsync(long id, CancellationToken ct = default);

    Task<BotResult> CreateAsync(BotConfig config, CancellationToken ct = default);

    Task<BotResult> UpdateAsync(long id, BotConfig config, CancellationToken ct = default);

    /// <summary>Deletes a stopped bot and its records; refused while it holds positions unless <paramref name="flatten"/>.</summary>
    /// <param name="confirmation">To sell positions and delete, the bot's name as the trader typed it.</param>
    Task<BotResult> DeleteAsync(long id, bool flatten, string? confirmation = null, CancellationToken ct = default);

    Task<BotResult> CommandAsync(long id, BotCommand command, bool flatten = false, CancellationToken ct = default);

    /// <summary>
    /// Cancels the bot's open orders, makes it reduce-only ("halted by <paramref name="by"/>") until the trader clears it,
    /// and sells its positions if asked.
    /// </summary>
    Task<BotResult> HaltAsync(long id, string by, bool flatten, CancellationToken ct = default);

    /// <summary>
    /// Sells one of the bot's positions at the market (orders working on the symbol are cancelled first); a stopped
    /// bot runs, paused, just long enough to sell. Refused when the bot does not hold the symbol.
    /// </summary>
    Task<BotResult> ClosePositionAsync(long id, string symbol, string by, CancellationToken ct = default);

    /// <summary>Cancels one of a running bot's open orders at its broker; refused when it has no such order open.</summary>
    Task<BotResult> CancelOrderAsync(long id, string clientOrderId, CancellationToken ct = default);

    /// <summary>Clears the bot's halts (reduce-only and the daily loss limit's); refused while the kill switch is engaged.</summary>
    Task<BotResult> ClearHaltAsync(long id, string by, CancellationToken ct = default);
}
