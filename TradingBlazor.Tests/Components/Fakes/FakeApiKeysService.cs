using TradingBlazor.Security;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Keys in memory, named and checked as the real store does; secrets are predictable so tests can look for them.</summary>
public sealed class FakeApiKeysService : IApiKeysService
{
    private readonly List<ApiKeyInfo> _keys = new();
    private static readonly DateTime Created = new(2025, 3, 12, 14, 0, 0, DateTimeKind.Utc);

    public event Action? Changed;

    public bool KeysRequired { get; set; }
    public List<long> Revoked { get; } = new();

    public ApiKeyInfo Seed(string name, DateTime? lastUsed = null, DateTime? revoked = null)
    {
        var key = new ApiKeyInfo(_keys.Count + 1, name, $"tb_seeded{_keys.Count + 1:00}", Created.AddMinutes(_keys.Count), lastUsed, revoked);
        _keys.Add(key);
        return key;
    }

    /// <summary>A key made elsewhere (over REST), announced as the real store does.</summary>
    public void CreateElsewhere(string name)
    {
        Seed(name);
        Changed?.Invoke();
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(_keys.OrderByDescending(k => k.Id).ToList());

    public string? CheckName(string? name) => ApiKeyStore.CheckName(name);

    public Task<NewApiKey> CreateAsync(string name, CancellationToken ct = default)
    {
        var key = Seed(name.Trim());
        return Task.FromResult(new NewApiKey(key, $"tb_secret-of-{key.Id}-{new string('x', 20)}"));
    }

    public Task RevokeAsync(long id, CancellationToken ct = default)
    {
        Revoked.Add(id);
        int i = _keys.FindIndex(k => k.Id == id);
        _keys[i] = _keys[i] with { RevokedAt = Created.AddHours(1) };
        return Task.CompletedTask;
    }
}
