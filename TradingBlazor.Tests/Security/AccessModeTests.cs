using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TradingBlazor.Security;

namespace TradingBlazor.Tests.Security;

public sealed class AccessModeTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ValidateOptionsResult Check(IConfiguration config, SecuritySettings settings) =>
        new SecurityStartupCheck(config).Validate(null, settings);

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.8.0.1:0", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://LOCALHOST:5001/", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://trading.example.com:80", false)]
    [InlineData("http://localhost.example.com:80", false)]
    public void Only_loopback_hosts_count_as_local(string url, bool loopback)
    {
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));
    }

    [Fact]
    public void The_listen_addresses_come_from_kestrels_endpoints_then_urls_then_ports()
    {
        Assert.Equal(new[] { "http://127.0.0.1:1", "http://0.0.0.0:2" }, ListenAddresses.FromConfiguration(Config(("urls", "http://127.0.0.1:1; http://0.0.0.0:2"))));
        Assert.Equal(new[] { "http://*:8080", "https://*:8443" }, ListenAddresses.FromConfiguration(Config(("http_ports", "8080"), ("https_ports", "8443"))));
        Assert.Equal(new[] { "http://10.0.0.5:80" },
            ListenAddresses.FromConfiguration(Config(("urls", "http://127.0.0.1:1"), ("Kestrel:Endpoints:Web:Url", "http://10.0.0.5:80"))));
        Assert.Empty(ListenAddresses.FromConfiguration(Config()));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", AccessMode.Auto, false)]
    [InlineData("http://127.0.0.1:5000;http://0.0.0.0:5001", AccessMode.Auto, true)]
    [InlineData("http://127.0.0.1:5000", AccessMode.Remote, true)]
    [InlineData("http://0.0.0.0:8080", AccessMode.Local, false)]
    public void The_mode_follows_the_setting_or_where_the_app_listens(string urls, AccessMode mode, bool remote)
    {
        var policy = new AccessPolicy(Options.Create(new SecuritySettings { Mode = mode }), Config(("urls", urls)));
        Assert.Equal(remote, policy.IsRemote);
    }

    [Fact]
    public void Beyond_loopback_the_app_needs_a_password_to_start()
    {
        var docker = Config(("urls", "http://0.0.0.0:8080"));

        var refused = Check(docker, new SecuritySettings());
        Assert.True(refused.Failed);
        Assert.StartsWith("Security:Password must be set when the app is reachable beyond loopback (listening on http://0.0.0.0:8080)", refused.FailureMessage);
        Assert.Contains("Security__Password", refused.FailureMessage);
        Assert.True(Check(Config(("urls", "http://127.0.0.1:5000")), new SecuritySettings { Mode = AccessMode.Remote }).Failed);

        Assert.True(Check(docker, new SecuritySettings { Password = "correct horse" }).Succeeded);
        Assert.True(Check(Config(("urls", "http://127.0.0.1:5000")), new SecuritySettings()).Succeeded);
    }

    [Fact]
    public void A_password_in_an_appsettings_file_is_refused()
    {
        var directory = Support.TestPaths.NewTempDirectory("tb-security");
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{ "Security": { "Password": "in the repository" } }""");
        var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(directory, "appsettings.json")).Build();

        var result = Check(config, new SecuritySettings { Password = "in the repository" });

        Assert.True(result.Failed);
        Assert.Equal("Security:Password must not be in an appsettings file: set the environment variable Security__Password or use user-secrets.", result.FailureMessage);
        Assert.DoesNotContain("in the repository", result.FailureMessage);
    }
}
