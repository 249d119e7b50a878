using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;

namespace TradingBlazor.Security;

/// <summary>An API key as the list shows it: never the key, only its first characters.</summary>
public sealed record ApiKeyInfo(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    internal static ApiKeyInfo Of(ApiKeyRecord r) => new(r.Id, r.Name, r.Prefix, r.CreatedAt, r.LastUsedAt, r.RevokedAt);
}

/// <summary>A key just created: <see cref="Secret"/> is shown this once and never stored.</summary>
public sealed record NewApiKey(ApiKeyInfo Key, string Secret);

/// <summary>Creates, lists, revokes and checks API keys in the store (hashes only).</summary>
public sealed class ApiKeyStore(IDbContextFactory<TradingDbContext> contexts, TimeProvider clock)
{
    public const int MaxNameLength = 64;
    /// <summary>Last use is written at most this often per key, so a busy script does not write on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile IReadOnlyDictionary<string, ApiKeyRecord[]>? _active;
    private long _version;

    /// <summary>A key was created or revoked (raised off the caller's thread for REST changes).</summary>
    public event Action? Changed;

    /// <summary>Why the name would be refused, or null.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "is required (e.g. the script that will use the key)."
        : name.Trim().Length > MaxNameLength ? $"must be at most {MaxNameLength} characters."
        : name.Any(char.IsControl) ? "must not contain control characters."
        : null;

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
        return rows.Select(ApiKeyInfo.Of).ToList();
    }

    public async Task<NewApiKey> CreateAsync(string name, CancellationToken ct = default)
    {
        if (CheckName(name) is { } problem) throw new ArgumentException("The name " + problem, nameof(name));
        var secret = ApiKeySecret.Generate();
        var row = new ApiKeyRecord { Name = name.Trim(), Prefix = ApiKeySecret.Prefix(secret), Hash = ApiKeySecret.Hash(secret), CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.ApiKeys.Add(row);
            await db.SaveChangesAsync(ct);
        }
        OnChanged();
        return new NewApiKey(ApiKeyInfo.Of(row), secret);
    }

    /// <summary>Revokes the key (it stays listed as revoked); null when there is no such key.</summary>
    public async Task<ApiKeyInfo?> RevokeAsync(long id, CancellationToken ct = default)
    {
        ApiKeyRecord? row;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            row = await db.ApiKeys.FindAsync([id], ct);
            if (row is null) return null;
            if (row.RevokedAt is not null) return ApiKeyInfo.Of(row);
            row.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        OnChanged();
        return ApiKeyInfo.Of(row);
    }

    /// <summary>The active key the caller presented, or null (unknown, malformed or revoked). Records its use.</summary>
    public async Task<ApiKeyInfo?> FindActiveAsync(string presented, CancellationToken ct = default)
    {
        if (!ApiKeySecret.LooksLikeKey(presented)) return null;
        var active = await ActiveByPrefixAsync(ct);
        if (!active.TryGetValue(ApiKeySecret.Prefix(presented), out var candidates)) return null;
        var match = candidates.FirstOrDefault(k => ApiKeySecret.Matches(presented, k.Hash));
        if (match is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (match.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            match.LastUsedAt = now;
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.ApiKeys.Where(k => k.Id == match.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return ApiKeyInfo.Of(match);
    }

    // Every API request checks a key: the active ones are held in memory, reloaded after each change made here (keys
    // change only through this store). A load that raced with a change is not kept.
    private async Task<IReadOnlyDictionary<string, ApiKeyRecord[]>> ActiveByPrefixAsync(CancellationToken ct)
    {
        if (_active is { } cached) return cached;
        await _loading.WaitAsync(ct);
        try
        {
            if (_active is { } loaded) return loaded;
            long version = Interlocked.Read(ref _version);
            await using var db = await contexts.CreateDbContextAsync(ct);
            var rows = await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null).ToListAsync(ct);
            var byPrefix = rows.GroupBy(k => k.Prefix, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            if (Interlocked.Read(ref _version) == version) _active = byPrefix;
            return byPrefix;
        }
        finally
        {
            _loading.Release();
        }
    }

    private void OnChanged()
    {
        Interlocked.Increment(ref _version);
        _active = null;
        Changed?.Invoke();
    }
}
