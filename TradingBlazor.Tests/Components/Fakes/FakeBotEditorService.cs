using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Preview;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>
/// The shipped samples and the real validator (the API's), bots held in memory, saves and previews recorded; a preview
/// answers <see cref="PreviewAnswer"/>, or the validator's errors as the real service does.
/// </summary>
public sealed class FakeBotEditorService : IBotEditorService
{
    public Dictionary<long, EditableBot> Bots { get; } = new();
    public List<(long? Id, BotConfig Config)> Saves { get; } = new();
    public List<(BotConfig Config, int Days)> Previews { get; } = new();
    public List<string> Imports { get; } = new();
    public BotPreview? PreviewAnswer { get; set; }
    public string? PreviewProblem { get; set; }
    public string? SaveRefusal { get; set; }

    public IReadOnlyList<string> Samples => SampleStrategies.All.Keys.ToList();

    public BotConfig Sample(string name) => BotConfig.Parse(SampleStrategies.All[name]);

    public IReadOnlyList<IndicatorDefinition> Indicators => IndicatorCatalog.Default.All;

    public Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>(new[] { "SPY", "AAPL", "NVDA" });

    public Task<EditableBot?> GetAsync(long id, CancellationToken ct = default) => Task.FromResult(Bots.GetValueOrDefault(id));

    public IReadOnlyList<ConfigError> Validate(BotConfig config) => BotConfigValidator.Validate(config);

    public Task<SaveResult> SaveAsync(long? id, BotConfig config, CancellationToken ct = default)
    {
        Saves.Add((id, config));
        var errors = Validate(config);
        if (errors.Count > 0) return Task.FromResult(new SaveResult(null, errors, null));
        if (SaveRefusal is not null) return Task.FromResult(new SaveResult(null, Array.Empty<ConfigError>(), SaveRefusal));
        long saved = id ?? (Bots.Count == 0 ? 1 : Bots.Keys.Max() + 1);
        Bots[saved] = new EditableBot(saved, BotStatus.Stopped, 1, config);
        return Task.FromResult(new SaveResult(saved, Array.Empty<ConfigError>(), null));
    }

    public Task<SaveResult> ImportAsync(string json, CancellationToken ct = default)
    {
        Imports.Add(json);
        try
        {
            return SaveAsync(null, BotConfig.Parse(json), ct);
        }
        catch (BotConfigException ex)
        {
            return Task.FromResult(new SaveResult(null, new[] { new ConfigError(ex.Field, ex.Problem) }, null));
        }
    }

    public Task<string> UniqueNameAsync(string name, CancellationToken ct = default) =>
        Task.FromResult(BotEditorService.UniqueName(name, Bots.Values.Select(b => b.Config.Name)));

    public Task<PreviewResult> PreviewAsync(BotConfig config, int days, CancellationToken ct = default)
    {
        Previews.Add((config, days));
        var errors = Validate(config);
        if (errors.Count > 0) return Task.FromResult(new PreviewResult(null, errors, null));
        return Task.FromResult(PreviewAnswer is { } answer ? new PreviewResult(answer, Array.Empty<ConfigError>(), null) : new PreviewResult(null, Array.Empty<ConfigError>(), PreviewProblem ?? "no data"));
    }
}
