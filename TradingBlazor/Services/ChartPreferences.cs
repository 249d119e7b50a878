using System.Text.Json;
using Microsoft.JSInterop;

namespace TradingBlazor.Services;

/// <summary>The indicators a trader chose for a symbol's chart, kept across reloads.</summary>
public interface IChartPreferences
{
    /// <summary>The indicator specs last chosen for the symbol ("ema(20)"), or null when none were kept.</summary>
    Task<IReadOnlyList<string>?> LoadIndicatorsAsync(string symbol);

    Task SaveIndicatorsAsync(string symbol, IEnumerable<string> specs);
}

/// <summary>Kept in the browser's local storage (per browser, per symbol), through a small module: the content policy allows no inline script.</summary>
public sealed class BrowserChartPreferences(IJSRuntime js) : IChartPreferences, IAsyncDisposable
{
    private IJSObjectReference? _module;

    private static string Key(string symbol) => "markets.indicators." + symbol.Trim().ToUpperInvariant();

    public async Task<IReadOnlyList<string>?> LoadIndicatorsAsync(string symbol)
    {
        var text = await (await ModuleAsync()).InvokeAsync<string?>("load", Key(symbol));
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return JsonSerializer.Deserialize<List<string>>(text);
        }
        catch (JsonException)
        {
            return null; // written by something else: start from the defaults
        }
    }

    public async Task SaveIndicatorsAsync(string symbol, IEnumerable<string> specs) =>
        await (await ModuleAsync()).InvokeVoidAsync("save", Key(symbol), JsonSerializer.Serialize(specs.ToList()));

    private async Task<IJSObjectReference> ModuleAsync() => _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/chart-preferences.js");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
