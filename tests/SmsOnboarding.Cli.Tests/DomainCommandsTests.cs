using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Tests;

public class DomainCommandsTests
{
    [Fact]
    public async Task Validate_prints_the_normalised_request_and_exits_zero()
    {
        var result = await CliRunner.RunAsync("validate", CliRunner.Example());

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal("+12065550101", json["sandboxNumbers"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_lists_every_problem_as_json_and_exits_two()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{"userPoolId": "x", "extra": 1}""");

        var result = await CliRunner.RunAsync("validate", file);

        Assert.Equal(2, result.ExitCode);
        var fields = JsonNode.Parse(result.Output)!["problems"]!.AsArray().Select(p => p!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("userPoolId", fields);
        Assert.Contains("extra", fields);
        Assert.Contains("team", fields);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_one_clear_line_and_exit_one()
    {
        var directory = Directory.CreateTempSubdirectory("not-a-file-").FullName;

        var result = await CliRunner.RunAsync("validate", directory);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: cannot read {directory}", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1e308")]
    [InlineData("Infinity")]
    public async Task A_watch_interval_that_is_no_sensible_number_of_seconds_is_a_usage_error(string interval)
    {
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["request", "watch", "onb-000000000000", "--interval", interval, "--endpoint", "http://127.0.0.1:9"],
            new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(2, exit);
        Assert.Contains("--interval must be a number of seconds from 0.2 to 3600", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_one_clear_line_and_exit_one()
    {
        var result = await CliRunner.RunAsync("validate", "/nonexistent/request.json");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: cannot read /nonexistent/request.json", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Regions_prints_the_table_with_seoul_bound_to_tokyo()
    {
        var result = await CliRunner.RunAsync("regions");

        Assert.Equal(0, result.ExitCode);
        var seoul = result.Output.Split('\n').Single(line => line.StartsWith("ap-northeast-2", StringComparison.Ordinal));
        Assert.Contains("ap-northeast-1 (required)", seoul, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regions_as_json_has_one_row_per_cognito_region()
    {
        var rows = JsonNode.Parse((await CliRunner.RunAsync("regions", "--output", "json")).Output)!.AsArray();
        var ohio = rows.Single(r => r!["cognitoRegion"]!.GetValue<string>() == "us-east-2")!;
        Assert.Equal("US East (Ohio)", ohio["name"]!.GetValue<string>());
        Assert.True(ohio["usOriginationBySupportCase"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Plan_uses_the_observed_facts_given_as_flags()
    {
        var full = await CliRunner.RunAsync("plan", CliRunner.Example(), "--output", "json");
        var shortPath = await CliRunner.RunAsync("plan", CliRunner.Example(), "--in-sandbox", "false", "--has-origination", "--spend-limit", "500", "-o", "json");

        static List<string> Ids(string output) => JsonNode.Parse(output)!["steps"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("sandbox-exit", Ids(full.Output));
        Assert.Equal(["resolve-account-and-pool", "sms-role", "finalize", "test-message"], Ids(shortPath.Output));
    }

    [Fact]
    public async Task Plan_as_text_numbers_the_steps_with_reasons()
    {
        var result = await CliRunner.RunAsync("plan", CliRunner.Example());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(" 1. Resolve the account and the user pool [resolve-account-and-pool]", result.Output, StringComparison.Ordinal);
    }
}
