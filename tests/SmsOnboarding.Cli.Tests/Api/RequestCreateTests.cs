using System.Text.Json.Nodes;
using SmsOnboarding.Cli.Tests.Support;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Cli.Tests.Api;

public sealed class RequestCreateTests : IAsyncLifetime
{
    private LocalServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Request_create_from_flags_alone_submits_it_with_the_token_user_as_requester()
    {
        var alice = _server.As("demo-requester-alice");
        var screenshot = Path.Combine(Directory.CreateTempSubdirectory("cli-screenshot-").FullName, "opt-in.png");
        var sample = SampleRegistration.Json(vertical: null);
        await File.WriteAllBytesAsync(screenshot, Convert.FromBase64String(SampleRegistration.ScreenshotDataUrl.Split(',')[1]));
        sample["optInScreenshot"] = screenshot;
        // Each member of the registration section is a --reg-* flag; the screenshot flag takes a file.
        var registrationFlags = sample.SelectMany(m => new[] { "--" + RegistrationFields.All.Single(f => f.Name == m.Key).ShortName, m.Value!.GetValue<string>() });

        var created = await CliProcess.RunAsync(alice, ["request", "create",
            "--pool", "us-east-1_Checkout1", "--country", "US,CA", "--monthly-spend", "40", "--message-type", "OneTimePassword",
            "--use-case", "Sign-in codes and account recovery for the checkout app.", "--website", "https://checkout.example.com",
            "--opt-in", "Users add their number on the profile page.", "--sample-message", "Your code is {####}, valid 5 minutes.",
            "--sandbox-number", "+12065550101", "--approver", "bob", "--team", "checkout", "--request-id", "flags-only-1", .. registrationFlags]);
        var id = created.Output.Split(' ')[0];
        var shown = await CliProcess.RunAsync(alice, "request", "show", id, "--output", "json");

        Assert.True(created.ExitCode == 0, created.Error);
        var onboarding = JsonNode.Parse(shown.Output)!;
        Assert.Equal("alice", onboarding["requester"]!.GetValue<string>());
        Assert.Equal("us-east-1_Checkout1", onboarding["pool"]!.GetValue<string>());
        Assert.Equal("flags-only-1", onboarding["requestId"]!.GetValue<string>());
        Assert.Equal(["bob"], onboarding["approvers"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Request_create_flags_override_the_fields_of_the_file()
    {
        var alice = _server.As("demo-requester-alice");

        var created = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--team", "payments", "--request-id", "file-and-flags-1");
        var shown = await CliProcess.RunAsync(alice, "request", "show", created.Output.Split(' ')[0], "--output", "json");

        Assert.True(created.ExitCode == 0, created.Error);
        var onboarding = JsonNode.Parse(shown.Output)!;
        Assert.Equal("payments", onboarding["team"]!.GetValue<string>());
        Assert.Equal("file-and-flags-1", onboarding["requestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_create_with_bad_flags_prints_every_problem_on_its_own_line_exits_2_and_starts_nothing()
    {
        var alice = _server.As("demo-requester-alice");

        var created = await CliProcess.RunAsync(alice, "request", "create", "--pool", "not-a-pool", "--monthly-spend", "-5", "--country", "US", "--team", "checkout");
        var listed = await CliProcess.RunAsync(alice, "request", "list", "--output", "json");

        Assert.Equal(2, created.ExitCode);
        var lines = created.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: the request has ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("  userPoolId (--pool): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  monthlySpendUsd (--monthly-spend): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  useCase (--use-case): ", StringComparison.Ordinal));
        Assert.DoesNotContain("'problems'", created.Error, StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(listed.Output)!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_dry_run_for_a_pool_the_account_does_not_have_says_so_and_exits_2()
    {
        var alice = _server.As("demo-requester-alice");

        var dryRun = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--pool", "us-east-1_Missing99", "--dry-run");

        Assert.Equal(2, dryRun.ExitCode);
        Assert.Contains("User pool us-east-1_Missing99 does not exist in us-east-1 of this account", dryRun.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("the plan", dryRun.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_that_finds_problems_prints_them_and_exits_2_like_validate()
    {
        var alice = _server.As("demo-requester-alice");

        var dryRun = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--team", "check\u202Eout", "--dry-run");
        var asJson = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--monthly-spend", "0", "--dry-run", "--output", "json");
        var valid = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--dry-run");

        Assert.Equal(2, dryRun.ExitCode);
        Assert.Contains("  team (--team): team contains a bidirectional text control (U+202E)", dryRun.Error, StringComparison.Ordinal);
        Assert.Equal(2, asJson.ExitCode);
        Assert.Equal("monthlySpendUsd", JsonNode.Parse(asJson.Output)!["problems"]![0]!["field"]!.GetValue<string>());
        Assert.True(valid.ExitCode == 0, valid.Error);
        Assert.StartsWith("valid; the plan:", valid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_create_has_one_flag_per_field_of_the_served_schema_and_no_other_field_flag()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_server.Endpoint) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "demo-requester-alice");
        using var response = await http.GetAsync("api/schema/onboarding-request");
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var create = CliApp.BuildRoot().Subcommands.Single(c => c.Name == "request").Subcommands.Single(c => c.Name == "create");
        var own = new[] { "--file", "--dry-run", "--endpoint", "--output" };

        // A section (an object) is no flag of its own: each of its members is.
        var fieldFlags = schema["properties"]!.AsObject()
            .SelectMany(p => p.Value!["type"]!.GetValue<string>() == "object" ? p.Value["properties"]!.AsObject().Select(m => m.Value!) : [p.Value!])
            .Select(p => "--" + p["x-shortName"]!.GetValue<string>()).Order().ToList();

        Assert.Equal("application/schema+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("--monthly-spend", fieldFlags);
        Assert.Contains("--reg-opt-in-screenshot", fieldFlags);
        Assert.Equal(fieldFlags, create.Options.Select(o => o.Name).Where(n => !own.Contains(n)).Order());
    }

    [Fact]
    public async Task Request_create_with_neither_file_nor_fields_says_what_to_give()
    {
        var created = await CliProcess.RunAsync(_server.As("demo-requester-alice"), "request", "create");

        Assert.Equal(1, created.ExitCode);
        Assert.Equal("error: give the request as --file F, or its fields as flags (--pool, --country, --monthly-spend, --use-case, ...; see --help)", created.Error.Trim());
    }
}
