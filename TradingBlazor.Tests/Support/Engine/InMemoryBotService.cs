using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Tests.Support.Engine;

/// <summary>
/// Bots in a dictionary with the contract's rules (validated configs, no edits while running, no delete while
/// holding positions unless flattening); every command is recorded.
/// </summary>
public sealed class InMemoryBotService : IBotService
{
    public sealed record CommandCall(long Id, BotCommand Command, bool Flatten);

    private sealed class Bot(long id, BotConfig config)
    {
        public long Id { get; } = id;
        public BotConfig Config { get; set; } = config;
        public BotStatus Status { get; set; } = BotStatus.Stopped;
        public int Revision { get; set; } = 1;
        public List<BotPositionView> Positions { get; } = new();
        public string? Halt { get; set; }
    }

    private readonly object _gate = new();
    private readonly Dictionary<long, Bot> _bots = new();
    private long _nextId;

    public List<CommandCall> Commands { get; } = new();

    public sealed record HaltCall(long Id, string By, bool Flatten, bool Clear);

    public List<HaltCall> Halts { get; } = new();

    /// <summary>Refuses clearing halts, as an engaged kill switch does.</summary>
    public bool KillSwitchEngaged { get; set; }

    /// <summary>Adds a bot as if created earlier, in a given state and holding positions.</summary>
    public long Seed(BotConfig config, BotStatus status = BotStatus.Stopped, params BotPositionView[] positions)
    {
        lock (_gate)
        {
            var bot = new Bot(++_nextId, config) { Status = status };
            bot.Positions.AddRange(positions);
            _bots[bot.Id] = bot;
            return bot.Id;
        }
    }

    public Task<IReadOnlyList<BotSummary>> ListAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<BotSummary>>(_bots.Values.Select(Summary).ToList());
    }

    public Task<BotDetails?> GetAsync(long id, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_bots.TryGetValue(id, out var bot) ? Details(bot) : null);
    }

    public Task<BotResult> CreateAsync(BotConfig config, CancellationToken ct = default)
    {
        if (BotConfigValidator.Validate(config) is [var error, ..])
            return Task.FromResult(BotResult.Fail(BotProblemKind.Invalid, error.Field, error.Message));
        lock (_gate)
        {
            if (_bots.Values.Any(b => b.Config.Name == config.Name))
                return Task.FromResult(BotResult.Fail(BotProblemKind.Invalid, "name", $"A bot named '{config.Name}' exists."));
            var bot = new Bot(++_nextId, config);
            _bots[bot.Id] = bot;
            return Task.FromResult(BotResult.Success(Details(bot)));
        }
    }

    public Task<BotResult> UpdateAsync(long id, BotConfig config, CancellationToken ct = default) => Change(id, bot =>
    {
        if (bot.Status == BotStatus.Running) return Conflict("status", "Pause or stop the bot before editing it.");
        bot.Config = config;
        bot.Revision++;
        return null;
    });

    public Task<BotResult> DeleteAsync(long id, bool flatten, string? confirmation = null, CancellationToken ct = default) => Change(id, bot =>
    {
        if (bot.Positions.Count > 0 && !flatten) return Conflict("flatten", "The bot holds positions: flatten them or close them first.");
        _bots.Remove(id);
        return null;
    });

    public Task<BotResult> CommandAsync(long id, BotCommand command, bool flatten = false, CancellationToken ct = default)
    {
        lock (_gate) Commands.Add(new CommandCall(id, command, flatten));
        return Change(id, bot =>
        {
            var next = command switch { BotCommand.Start => BotStatus.Running, BotCommand.Pause => BotStatus.Paused, _ => BotStatus.Stopped };
            if (bot.Status == next) return Conflict("status", $"The bot is already {next.ToString().ToLowerInvariant()}.");
            if (command == BotCommand.Pause && bot.Status != BotStatus.Running) return Conflict("status", "Only a running bot can be paused.");
            bot.Status = next;
            if (flatten) bot.Positions.Clear();
            return null;
        });
    }

    public Task<BotResult> HaltAsync(long id, string by, bool flatten, CancellationToken ct = default)
    {
        lock (_gate) Halts.Add(new HaltCall(id, by, flatten, Clear: false));
        return Change(id, bot =>
        {
            bot.Halt = $"halted by {by}";
            if (flatten) bot.Positions.Clear();
            return null;
        });
    }

    public Task<BotResult> ClearHaltAsync(long id, string by, CancellationToken ct = default)
    {
        lock (_gate) Halts.Add(new HaltCall(id, by, false, Clear: true));
        return Change(id, bot =>
        {
            if (KillSwitchEngaged) return Conflict("kill_switch", "The kill switch is engaged: re-arm it to clear a halt.");
            bot.Halt = null;
            return null;
        });
    }

    public List<(long Id, string Symbol)> Closed { get; } = new();

    public Task<BotResult> ClosePositionAsync(long id, string symbol, string by, CancellationToken ct = default) => Change(id, bot =>
    {
        if (bot.Positions.RemoveAll(p => p.Symbol == symbol) == 0) return Conflict("symbol", $"The bot holds no {symbol}.");
        Closed.Add((id, symbol));
        return null;
    });

    public Task<BotResult> CancelOrderAsync(long id, string clientOrderId, CancellationToken ct = default) =>
        Change(id, _ => Conflict("client_order_id", $"The bot has no open order {clientOrderId}."));

    private Task<BotResult> Change(long id, Func<Bot, BotResult?> change)
    {
        lock (_gate)
        {
            if (!_bots.TryGetValue(id, out var bot)) return Task.FromResult(BotResult.Fail(BotProblemKind.NotFound, "id", $"No bot {id}."));
            return Task.FromResult(change(bot) ?? BotResult.Success(Details(bot)));
        }
    }

    private static BotResult Conflict(string field, string message) => BotResult.Fail(BotProblemKind.Conflict, field, message);

    private static BotDetails Details(Bot bot) => new(Summary(bot), bot.Config);

    private static BotSummary Summary(Bot bot)
    {
        var value = bot.Positions.Sum(p => p.Quantity * p.LastPrice);
        var cost = bot.Positions.Sum(p => p.Quantity * p.AveragePrice);
        var cash = bot.Config.Capital - cost;
        var ledger = new BotLedgerView(bot.Config.Capital, cash, 0m, cash + value, 0m, value - cost, bot.Positions.ToList());
        return new BotSummary(bot.Id, bot.Config.Name, bot.Status, null, bot.Config.Symbols, bot.Config.Timeframe, bot.Config.Execution.Mode,
            ledger, bot.Revision, new DateTime(2025, 3, 12, 15, 0, 0, DateTimeKind.Utc), bot.Halt);
    }
}
