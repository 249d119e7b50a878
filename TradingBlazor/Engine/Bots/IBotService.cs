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
    Task<BotResult> DeleteAsync(long id, bool flatten, CancellationToken ct = default);

    Task<BotResult> CommandAsync(long id, BotCommand command, bool flatten = false, CancellationToken ct = default);
}
