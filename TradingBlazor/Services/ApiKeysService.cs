using TradingBlazor.Security;

namespace TradingBlazor.Services;

/// <summary>The Settings page's API keys: list, create (the key is shown once), revoke.</summary>
public interface IApiKeysService
{
    /// <summary>A key was created or revoked, here or over REST (raised off the renderer's thread: marshal with InvokeAsync).</summary>
    event Action? Changed;

    /// <summary>Whether the app is reachable beyond loopback, so that every caller needs a key or the sign-in.</summary>
    bool KeysRequired { get; }

    Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default);

    /// <summary>Why the name would be refused, or null.</summary>
    string? CheckName(string? name);

    Task<NewApiKey> CreateAsync(string name, CancellationToken ct = default);

    Task RevokeAsync(long id, CancellationToken ct = default);
}

public sealed class ApiKeysService(ApiKeyStore store, AccessPolicy access) : IApiKeysService
{
    public event Action? Changed
    {
        add => store.Changed += value;
        remove => store.Changed -= value;
    }

    public bool KeysRequired => access.IsRemote;

    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default) => store.ListAsync(ct);

    public string? CheckName(string? name) => ApiKeyStore.CheckName(name);

    public Task<NewApiKey> CreateAsync(string name, CancellationToken ct = default) => store.CreateAsync(name, ct);

    public Task RevokeAsync(long id, CancellationToken ct = default) => store.RevokeAsync(id, ct);
}
