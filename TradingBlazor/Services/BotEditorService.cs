using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Engine.Preview;

namespace TradingBlazor.Services;

/// <summary>A bot opened in the editor: its config and whether its status allows saving an edit.</summary>
public sealed record EditableBot(long Id, BotStatus Status, int Revision, BotConfig Config)
{
    /// <summary>A running bot's config never changes under it: pause or stop it first.</summary>
    public bool CanEdit => Status != BotStatus.Running;
}

/// <summary>A save's answer: the bot's id, or the field errors (the API's words) or a refusal that names no field.</summary>
public sealed record SaveResult(long? Id, IReadOnlyList<ConfigError> Errors, string? Refusal)
{
    public bool Ok => Id is not null;
}

/// <summary>A preview's answer: the run, or why it could not run (invalid config or no data).</summary>
public sealed record PreviewResult(BotPreview? Preview, IReadOnlyList<ConfigError> Errors, string? Problem);

/// <summary>The bot editor: documents to start from, the validator the API uses, saving, import and the preview.</summary>
public interface IBotEditorService
{
    /// <summary>Names of the sample configs shipped with the app.</summary>
    IReadOnlyList<string> Samples { get; }

    /// <summary>A sample's document; throws <see cref="BotConfigException"/> when it does not parse.</summary>
    BotConfig Sample(string name);

    /// <summary>The indicators a bot may use, with their parameter schemas.</summary>
    IReadOnlyList<IndicatorDefinition> Indicators { get; }

    /// <summary>Symbols with data (the watchlist and imported history), offered as suggestions.</summary>
    Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct = default);

    Task<EditableBot?> GetAsync(long id, CancellationToken ct = default);

    /// <summary>Every problem, each naming its field, exactly as the REST API reports them.</summary>
    IReadOnlyList<ConfigError> Validate(BotConfig config);

    /// <summary>Creates (<paramref name="id"/> null) or updates a bot; a new bot starts stopped.</summary>
    Task<SaveResult> SaveAsync(long? id, BotConfig config, CancellationToken ct = default);

    /// <summary>Creates a stopped bot from an exported document, its name made unique if taken.</summary>
    Task<SaveResult> ImportAsync(string json, CancellationToken ct = default);

    /// <summary>A name no bot has yet: the name itself, or "name (2)", "name (3)"…</summary>
    Task<string> UniqueNameAsync(string name, CancellationToken ct = default);

    /// <summary>Runs the config over the last <paramref name="days"/> days of its symbols' data.</summary>
    Task<PreviewResult> PreviewAsync(BotConfig config, int days, CancellationToken ct = default);
}

public sealed class BotEditorService(IBotService bots, ChartSourceResolver symbols, BotPreviewRunner preview) : IBotEditorService
{
    // Problems that name no field of the document (the bot's state, its id).
    private static readonly HashSet<string> NotFields = new(StringComparer.Ordinal) { "id", "status" };

    public IReadOnlyList<string> Samples => SampleStrategies.All.Keys.ToList();

    public BotConfig Sample(string name) =>
        SampleStrategies.All.TryGetValue(name, out var json) ? BotConfig.Parse(json) : throw new BotConfigException("sample", $"No sample '{name}'.");

    public IReadOnlyList<IndicatorDefinition> Indicators => IndicatorCatalog.Default.All;

    public Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct = default) => symbols.SymbolsAsync(ct);

    public async Task<EditableBot?> GetAsync(long id, CancellationToken ct = default) =>
        await bots.GetAsync(id, ct) is { } bot ? new EditableBot(bot.Summary.Id, bot.Summary.Status, bot.Summary.Revision, bot.Config) : null;

    public IReadOnlyList<ConfigError> Validate(BotConfig config) => BotConfigValidator.Validate(config);

    public async Task<SaveResult> SaveAsync(long? id, BotConfig config, CancellationToken ct = default)
    {
        // All the problems at once; the service reports only the first.
        var errors = Validate(config);
        if (errors.Count > 0) return new SaveResult(null, errors, null);
        var result = id is { } existing ? await bots.UpdateAsync(existing, config, ct) : await bots.CreateAsync(config, ct);
        if (result.Bot is { } bot) return new SaveResult(bot.Summary.Id, Array.Empty<ConfigError>(), null);
        var problem = result.Problem!;
        return NotFields.Contains(problem.Field)
            ? new SaveResult(null, Array.Empty<ConfigError>(), problem.Message)
            : new SaveResult(null, new[] { new ConfigError(problem.Field, problem.Message) }, null);
    }

    public async Task<SaveResult> ImportAsync(string json, CancellationToken ct = default)
    {
        BotConfig config;
        try
        {
            config = BotConfig.Parse(json);
        }
        catch (BotConfigException ex)
        {
            return new SaveResult(null, new[] { new ConfigError(ex.Field, ex.Problem) }, null);
        }
        return await SaveAsync(null, config with { Name = await UniqueNameAsync(config.Name, ct) }, ct);
    }

    public async Task<string> UniqueNameAsync(string name, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(name) ? name : UniqueName(name, (await bots.ListAsync(ct)).Select(b => b.Name));

    /// <summary>The name, or "name (2)", "name (3)"… whichever is not taken (names compare case-insensitively).</summary>
    public static string UniqueName(string name, IEnumerable<string> taken)
    {
        var names = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unique = name;
        for (int n = 2; names.Contains(unique); n++) unique = $"{name} ({n})";
        return unique;
    }

    public async Task<PreviewResult> PreviewAsync(BotConfig config, int days, CancellationToken ct = default)
    {
        var (bot, errors) = BotConfigValidator.Compile(config);
        if (bot is null) return new PreviewResult(null, errors, null);
        try
        {
            return new PreviewResult(await preview.RunAsync(bot, days, ct), Array.Empty<ConfigError>(), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return new PreviewResult(null, Array.Empty<ConfigError>(), ex.Message);
        }
    }
}
