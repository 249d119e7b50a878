using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data.Entities;

namespace TradingBlazor.Engine.Bots;

// The trader's hand on one position or one order, serialised with the bot's lifecycle commands like everything else.
public sealed partial class BotService
{
    public Task<BotResult> ClosePositionAsync(long id, string symbol, string by, CancellationToken ct = default) => Locked(id, ct, async () =>
    {
        BotRecord? record;
        await using (var db = await _db.CreateDbContextAsync(ct))
            record = await db.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (record is null) return NotFound(id);
        symbol = symbol.Trim().ToUpperInvariant();
        var reason = $"closed by {by}";
        if (_runtime.Worker(id) is not null)
        {
            if (!await _runtime.ClosePositionAsync(id, symbol, reason)) return NotHeld(symbol);
        }
        else
        {
            var capital = Domain.Strategies.Config.BotConfig.Parse(record.ConfigJson).Capital;
            if ((await _runtime.StoredBookAsync(id, capital, ct)).Ledger.HeldQuantity(symbol) == 0m) return NotHeld(symbol);
            // A stopped bot runs (paused) just long enough to sell, as flattening a stopped bot does.
            await _runtime.ActivateAsync(record, paused: true, ct);
            try
            {
                await _runtime.ClosePositionAsync(id, symbol, reason);
                await _runtime.WaitFlatAsync(id, ct, symbol);
            }
            finally
            {
                await _runtime.DeactivateAsync(id);
            }
        }
        return BotResult.Success(await DetailsAsync(record, ct));
    });

    public Task<BotResult> CancelOrderAsync(long id, string clientOrderId, CancellationToken ct = default) => Locked(id, ct, async () =>
    {
        BotRecord? record;
        await using (var db = await _db.CreateDbContextAsync(ct))
            record = await db.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (record is null) return NotFound(id);
        // A stopped bot has no working orders: what it left in flight is resolved with its broker when it starts.
        if (!await _runtime.CancelOrderAsync(id, clientOrderId))
            return BotResult.Fail(BotProblemKind.Conflict, "client_order_id", $"The bot has no open order {clientOrderId}.");
        return BotResult.Success(await DetailsAsync(record, ct));
    });

    private static BotResult NotHeld(string symbol) => BotResult.Fail(BotProblemKind.Conflict, "symbol", $"The bot holds no {symbol}.");
}
