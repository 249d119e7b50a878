using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using TradingBlazor.Data;
using TradingBlazor.Security;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Security;

/// <summary>The key store on a real SQLite file.</summary>
public sealed class ApiKeyStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 12, 15, 0, 0, TimeSpan.Zero);
    private readonly string _databasePath = Path.Combine(TestPaths.NewTempDirectory("tb-keys"), "keys.db");
    private readonly FakeTimeProvider _clock = new(Start);
    private ApiKeyStore _store = null!;

    private sealed class Contexts(string path) : IDbContextFactory<TradingDbContext>
    {
        public TradingDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<TradingDbContext>();
            DataServices.Configure(options, path);
            return new(options.Options);
        }
    }

    public async Task InitializeAsync()
    {
        var contexts = new Contexts(_databasePath);
        await using (var db = contexts.CreateDbContext()) await db.Database.MigrateAsync();
        _store = new ApiKeyStore(contexts, _clock);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_created_key_is_found_by_its_secret_and_only_its_hash_is_stored()
    {
        var created = await _store.CreateAsync("  nightly report ");

        Assert.Equal("nightly report", created.Key.Name);
        Assert.Equal(created.Secret[..11], created.Key.Prefix);
        Assert.Equal(Start.UtcDateTime, created.Key.CreatedAt);
        Assert.Null(created.Key.LastUsedAt);
        var found = await _store.FindActiveAsync(created.Secret);
        Assert.Equal(created.Key.Id, found?.Id);

        await using var db = new Contexts(_databasePath).CreateDbContext();
        var row = await db.ApiKeys.SingleAsync();
        Assert.Equal(ApiKeySecret.Hash(created.Secret), row.Hash);
        var file = await File.ReadAllBytesAsync(_databasePath);
        Assert.DoesNotContain(created.Secret, System.Text.Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task A_wrong_or_revoked_key_is_not_found()
    {
        var created = await _store.CreateAsync("script");
        var other = ApiKeySecret.Prefix(created.Secret) + new string('A', ApiKeySecret.Length - ApiKeySecret.PrefixLength);

        Assert.Null(await _store.FindActiveAsync(other)); // same prefix, different key
        Assert.Null(await _store.FindActiveAsync(created.Secret + "x"));

        _clock.Advance(TimeSpan.FromMinutes(3));
        var revoked = await _store.RevokeAsync(created.Key.Id);
        Assert.Equal(Start.UtcDateTime.AddMinutes(3), revoked?.RevokedAt);
        Assert.Null(await _store.FindActiveAsync(created.Secret));
        Assert.True((await _store.ListAsync()).Single().IsRevoked);
        Assert.Null(await _store.RevokeAsync(created.Key.Id + 100));
    }

    [Fact]
    public async Task Last_use_is_recorded_at_most_once_a_minute()
    {
        var created = await _store.CreateAsync("script");

        await _store.FindActiveAsync(created.Secret);
        Assert.Equal(Start.UtcDateTime, (await _store.ListAsync()).Single().LastUsedAt);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _store.FindActiveAsync(created.Secret);
        Assert.Equal(Start.UtcDateTime, (await _store.ListAsync()).Single().LastUsedAt);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await _store.FindActiveAsync(created.Secret);
        Assert.Equal(Start.UtcDateTime.AddSeconds(61), (await _store.ListAsync()).Single().LastUsedAt);
    }

    [Fact]
    public async Task The_list_is_newest_first_and_every_change_is_announced()
    {
        int changes = 0;
        _store.Changed += () => changes++;
        var first = await _store.CreateAsync("first");
        await _store.CreateAsync("second");
        await _store.RevokeAsync(first.Key.Id);

        Assert.Equal(new[] { "second", "first" }, (await _store.ListAsync()).Select(k => k.Name));
        Assert.Equal(3, changes);
    }

    [Theory]
    [InlineData(null, "is required (e.g. the script that will use the key).")]
    [InlineData("   ", "is required (e.g. the script that will use the key).")]
    [InlineData("tab\there", "must not contain control characters.")]
    public async Task A_bad_name_is_refused(string? name, string message)
    {
        Assert.Equal(message, ApiKeyStore.CheckName(name));
        Assert.Equal("must be at most 64 characters.", ApiKeyStore.CheckName(new string('n', 65)));
        Assert.Null(ApiKeyStore.CheckName(new string('n', 64)));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateAsync(name!));
        Assert.Empty(await _store.ListAsync());
    }
}
