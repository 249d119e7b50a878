using Microsoft.Extensions.Options;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

public class ConfigurationTests
{
    [Fact]
    public async Task Invalid_setting_fails_the_host_at_start_naming_the_setting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync("--Scheduler:SessionRollCron=every morning"));
        Assert.Contains("Scheduler:SessionRollCron 'every morning' is not a valid Quartz cron expression", ex.Message);
    }

    [Theory]
    [InlineData("Logs__RetainedDays", "0", "Logs:RetainedDays must be between 1 and 3650")]
    [InlineData("Logs__RetainedDays", "many", "Logs:RetainedDays")]
    [InlineData("Alpaca__Feed", "nasdaq", "Alpaca:Feed must be iex or sip")]
    [InlineData("Market__ExtraClosures__tomorrow", "storm", "Market:ExtraClosures:tomorrow")]
    public async Task The_real_executable_exits_with_one_clear_line(string variable, string value, string expected)
    {
        var result = await AppProcess.RunAsync(new Dictionary<string, string> { [variable] = value }, Array.Empty<string>(), TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Configuration error: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Dot_env_files_use_the_environment_key_form()
    {
        var dir = TestPaths.NewTempDirectory();
        var path = Path.Combine(dir, ".env");
        File.WriteAllText(path, "# comment\nexport Alpaca__KeyId=PK123\nAlpaca__SecretKey=\"quoted value\"\n\nLogs__RetainedDays=7 # trailing comment\n");
        var values = DotEnvFile.Read(path);
        Assert.Equal("PK123", values["Alpaca:KeyId"]);
        Assert.Equal("quoted value", values["Alpaca:SecretKey"]);
        Assert.Equal("7", values["Logs:RetainedDays"]);
        Assert.Empty(DotEnvFile.Read(Path.Combine(dir, "missing.env")));

        File.WriteAllText(path, "NOT A SETTING\n");
        var ex = Assert.Throws<FormatException>(() => DotEnvFile.Read(path));
        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public async Task A_dot_env_file_in_the_working_directory_configures_the_app_below_real_environment_variables()
    {
        // The .env sets an invalid retention; a real environment variable overrides the feed only: the .env value must surface.
        var result = await AppProcess.RunAsync(new Dictionary<string, string> { ["Alpaca__Feed"] = "sip" }, Array.Empty<string>(), TimeSpan.FromSeconds(60),
            dotEnv: "Logs__RetainedDays=0\nAlpaca__Feed=bogus\n");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Logs:RetainedDays", result.StdErr);
        Assert.DoesNotContain("Alpaca:Feed", result.StdErr);
    }
}
