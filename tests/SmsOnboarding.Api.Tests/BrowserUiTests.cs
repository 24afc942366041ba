using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

/// <summary>
/// The web UI in Debian's chromium against a served API whose executions the test scripts: the form follows the
/// request's schema, problems speak in labels, and the detail page reads well for long, failed and finished runs.
/// </summary>
[Collection(nameof(BrowserHappyPathTests))]
public sealed partial class BrowserUiTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "/usr/bin/chromium is missing: install it with `apt-get install -y chromium` (CI installs it).");
        _server = await ApiServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        _page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        _page.SetDefaultTimeout(15000);
        await _page.GotoAsync(_server.Host.BaseUri + "ui/");
        await _page.GetByTestId("token").FillAsync(ApiServer.Alice);
        await _page.GetByTestId("token-save").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("whoami")).ToContainTextAsync("alice");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_form_has_a_labelled_input_for_every_schema_property_and_marks_the_required_ones()
    {
        var fields = Leaves(await SchemaAsync(), "").ToList();
        Assert.NotEmpty(fields);
        await OpenAsync("#/new");
        foreach (var (name, property, required) in fields)
        {
            var input = _page.GetByTestId("field-" + name);
            await Assertions.Expect(input).ToHaveCountAsync(1);
            await Assertions.Expect(input).ToHaveAccessibleNameAsync((string)property["title"]!);
            await Assertions.Expect(input).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape((string)property["description"]!)));
            var mark = _page.Locator($"label[for='f-{name}'] .required");
            if (required)
            {
                await Assertions.Expect(input).ToHaveAttributeAsync("aria-required", "true");
                await Assertions.Expect(mark).ToHaveTextAsync(" *");
            }
            else
            {
                await Assertions.Expect(input).Not.ToHaveAttributeAsync("aria-required", "true");
                await Assertions.Expect(mark).ToHaveCountAsync(0);
            }
            if (property["enum"] is JsonArray choices)
            {
                var options = await input.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)");
                Assert.Equal(choices.Select(c => (string)c!), options);
            }
        }
        Assert.Equal(fields.Count, await _page.Locator("[data-testid=request-form] [data-testid^=field-]").CountAsync());
    }

    [Fact]
    public async Task Problems_name_the_fields_by_their_labels_not_their_json_names()
    {
        var jsonNames = Leaves(await SchemaAsync(), "").Select(f => f.Name.Split('.')[^1]).Where(n => n.Any(char.IsUpper)).ToList();
        await OpenAsync("#/new");
        await _page.GetByTestId("field-monthlySpendUsd").FillAsync("-5");
        await Assertions.Expect(_page.GetByTestId("problem-monthlySpendUsd")).ToContainTextAsync("Monthly SMS spend (USD) must be more than 0");
        await _page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("error")).ToContainTextAsync("Not submitted:");
        await Assertions.Expect(_page.GetByTestId("problem-userPoolId")).ToHaveTextAsync("User pool id is required.");
        await Assertions.Expect(_page.GetByTestId("field-userPoolId")).ToHaveAttributeAsync("aria-invalid", "true");
        var shown = string.Join("\n", await _page.Locator("[data-testid^=problem-]").AllInnerTextsAsync());
        Assert.Contains("is required.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(jsonNames, name => shown.Contains(name, StringComparison.Ordinal));
        Assert.DoesNotContain("'problems'", await _page.GetByTestId("error").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_to_width_shows_the_whole_flow_without_cropping()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        await OpenAsync("#/o/" + id);
        await _page.GetByTestId("diagram-fit").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("diagram-fit")).ToHaveAttributeAsync("aria-pressed", "true");
        var measured = await _page.GetByTestId("diagram-scroll").EvaluateAsync<System.Text.Json.JsonElement>("""
            box => {
              const svg = box.querySelector('svg').getBoundingClientRect(), outer = box.getBoundingClientRect();
              const viewBox = box.querySelector('svg').viewBox.baseVal;
              return { clientWidth: box.clientWidth, clientHeight: box.clientHeight, scrollWidth: box.scrollWidth, scrollHeight: box.scrollHeight,
                       svgWidth: svg.width, svgHeight: svg.height, boxTop: outer.top, boxBottom: outer.bottom, svgTop: svg.top, svgBottom: svg.bottom,
                       ratio: viewBox.height / viewBox.width };
            }
            """);
        var box = new Measured(measured);
        Assert.True(box.ScrollWidth <= box.ClientWidth + 1 && box.ScrollHeight <= box.ClientHeight + 1, $"the fitted diagram still scrolls inside its box: {box}");
        Assert.True(box.SvgWidth <= box.ClientWidth + 1, $"the fitted diagram is wider than its box: {box}");
        Assert.True(Math.Abs(box.SvgHeight / box.SvgWidth - box.Ratio) < 0.01, $"the fitted diagram is not the whole picture scaled: {box}");
        Assert.True(box.SvgTop >= box.BoxTop - 1 && box.SvgBottom <= box.BoxBottom + 1, $"the box cuts the diagram off: {box}");
    }

    [Fact]
    public async Task The_timeline_shows_a_hundred_polls_as_one_row_with_a_count_and_first_and_last_time()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var execution = _server.Runtime.Get(id);
        var at = _server.Time.GetUtcNow();
        execution.Enter("Prepare", "Parallel", at);
        execution.Enter("Sandbox.OpenCase", "Task", at);
        execution.Exit("Sandbox.OpenCase", "Task", at);
        for (var i = 0; i < 34; i++)
        {
            foreach (var (state, type) in new[] { ("Sandbox.WaitForReview", "Wait"), ("Sandbox.CheckCase", "Task"), ("Sandbox.ReviewDone", "Choice") })
            {
                execution.Enter(state, type, at);
                at = at.AddMinutes(5);
                execution.Exit(state, type, at);
            }
        }
        execution.Enter("Sandbox.WaitForReview", "Wait", at);

        await OpenAsync("#/o/" + id);
        var rows = _page.GetByTestId("timeline-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var polls = _page.Locator("[data-testid=timeline-row][data-count='35']");
        await Assertions.Expect(polls).ToContainTextAsync("Sandbox.WaitForReview → Sandbox.CheckCase → Sandbox.ReviewDone");
        await Assertions.Expect(polls.GetByTestId("timeline-count")).ToContainTextAsync("35 times over");
        await Assertions.Expect(polls).ToContainTextAsync("running");
    }

    [Fact]
    public async Task The_plan_ticks_done_steps_and_marks_the_current_one()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var execution = _server.Runtime.Get(id);
        var at = _server.Time.GetUtcNow();
        foreach (var (state, type) in new[] { ("ResolveAccountAndPool", "Task"), ("EnsureSmsRole", "Task") })
        {
            execution.Enter(state, type, at);
            execution.Exit(state, type, at);
        }
        execution.Enter("Prepare", "Parallel", at);
        execution.Enter("VerifySandboxNumbers", "Map", at);
        execution.Enter("Code.Ask", "Task", at);

        await OpenAsync("#/o/" + id);
        await Assertions.Expect(Step("sms-role")).ToHaveAttributeAsync("data-progress", "done");
        await Assertions.Expect(Step("sms-role").Locator(".tick")).ToHaveTextAsync("✓");
        await Assertions.Expect(Step("sandbox-numbers")).ToHaveAttributeAsync("data-progress", "current");
        await Assertions.Expect(Step("sandbox-numbers")).ToContainTextAsync("in progress");
        await Assertions.Expect(Step("finalize")).ToHaveAttributeAsync("data-progress", "todo");
        await Assertions.Expect(Step("finalize")).ToContainTextAsync("to do");
    }

    [Fact]
    public async Task A_failed_state_is_drawn_red_and_not_named_as_the_current_step()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var execution = _server.Runtime.Get(id);
        var at = _server.Time.GetUtcNow();
        execution.Enter("Prepare", "Parallel", at);
        execution.Enter("Spend.CheckCase", "Task", at);
        execution.Finish(ExecutionState.Failed, at.AddSeconds(3), "SpendIncreaseDenied", "AWS declined the spend limit");

        await OpenAsync("#/o/" + id);
        var failed = _page.Locator("[data-testid=diagram-svg] .state.failed[data-state='Spend.CheckCase']");
        await Assertions.Expect(failed).ToBeVisibleAsync();
        await Assertions.Expect(failed).ToHaveAttributeAsync("aria-label", new Regex("failed here"));
        Assert.Equal("rgb(251, 211, 211)", await failed.Locator("rect").EvaluateAsync<string>("r => getComputedStyle(r).fill"));
        await Assertions.Expect(_page.Locator("[data-testid=diagram-svg] .state.current")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.GetByTestId("diagram-current")).ToHaveTextAsync("Failed in: Spend.CheckCase");
        await Assertions.Expect(_page.GetByTestId("current-step")).ToHaveTextAsync("Failed at step: Spend.CheckCase");
        await Assertions.Expect(Step("spend-increase")).ToHaveAttributeAsync("data-progress", "failed");
        await Assertions.Expect(_page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "failed");
    }

    [Fact]
    public async Task A_finished_onboarding_shows_its_role_sns_region_origination_identity_and_test_message()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var output = new JsonObject
        {
            ["userPoolId"] = "us-east-1_Checkout1",
            ["snsRegion"] = "us-east-1",
            ["snsCallerArn"] = "arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1",
            ["origination"] = new JsonObject { ["action"] = "reuse", ["phoneNumber"] = "+18885550100" },
            ["testMessage"] = new JsonObject { ["sent"] = true, ["to"] = "+1******0101", ["messageId"] = "m-1" },
        };
        _server.Runtime.Get(id).Finish(ExecutionState.Succeeded, _server.Time.GetUtcNow(), null, null, output.ToJsonString());

        await OpenAsync("#/o/" + id);
        var summary = _page.GetByTestId("summary");
        await Assertions.Expect(summary.Locator("[data-summary='Role Cognito assumes to send SMS']")).ToHaveTextAsync("arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1");
        await Assertions.Expect(summary.Locator("[data-summary='SNS Region']")).ToHaveTextAsync("us-east-1");
        await Assertions.Expect(summary.Locator("[data-summary='Origination identity']")).ToHaveTextAsync("+18885550100");
        await Assertions.Expect(summary.Locator("[data-summary='Test message']")).ToHaveTextAsync("Sent to +1******0101 (message m-1)");
        // With no current or failed state to show, the diagram opens on the start instead of the empty top-left corner.
        var startShown = await _page.GetByTestId("diagram-scroll").EvaluateAsync<bool>("""
            box => {
              const outer = box.getBoundingClientRect(), start = box.querySelector("[data-state='Start'] rect").getBoundingClientRect();
              return start.left >= outer.left && start.right <= outer.right && start.top >= outer.top && start.bottom <= outer.bottom;
            }
            """);
        Assert.True(startShown, "the diagram does not show its start state");
    }

    [Fact]
    public async Task The_list_shows_each_onboardings_account_and_ops_see_the_accounts_tab_with_unread_facts_named()
    {
        await _server.SubmitAsync(ApiServer.Request());
        var member = ApiServer.Request("member-1", pool: "us-east-1_Loyalty1");
        member["accountId"] = "444455556666";
        await _server.SubmitAsync(member);

        await _page.EvaluateAsync("location.hash = '#/list'");
        await Assertions.Expect(_page.GetByTestId("onboarding-list")).ToContainTextAsync("444455556666");
        await Assertions.Expect(_page.GetByTestId("onboarding-list")).ToContainTextAsync("111122223333");

        await _page.GetByTestId("token").FillAsync(ApiServer.Olivia);
        await _page.GetByTestId("token-save").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("whoami")).ToContainTextAsync("olivia");
        await _page.GetByTestId("nav-accounts").ClickAsync();
        await Assertions.Expect(_page.Locator("[data-testid=accounts] tr[data-account='111122223333']")).ToContainTextAsync("in sandbox");
        await Assertions.Expect(_page.Locator("[data-testid=accounts] tr[data-account='444455556666']"))
            .ToContainTextAsync("unknown: the service does not act in account 444455556666");
    }

    private ILocator Step(string id) => _page.Locator($"[data-testid=plan-progress-step][data-plan-step='{id}']");

    private async Task OpenAsync(string hash)
    {
        await _page.EvaluateAsync($"location.hash = '{hash}'");
        await _page.WaitForSelectorAsync(hash == "#/new" ? "[data-testid=request-form]" : "[data-testid=timeline]");
    }

    private async Task<JsonNode> SchemaAsync()
    {
        using var client = _server.Client(ApiServer.Alice);
        var (status, schema) = await ApiServer.SendAsync(client, HttpMethod.Get, "api/schema/onboarding-request");
        Assert.Equal(200, status);
        return schema!;
    }

    /// <summary>Every input the schema asks for: its form name ("parent.child" inside a section), property, and whether it is required.</summary>
    private static IEnumerable<(string Name, JsonNode Property, bool Required)> Leaves(JsonNode schema, string prefix)
    {
        var required = schema["required"]?.AsArray().Select(n => (string)n!).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (key, property) in schema["properties"]!.AsObject())
        {
            if ((string?)property!["type"] == "object")
            {
                foreach (var leaf in Leaves(property, prefix + key + "."))
                {
                    yield return leaf;
                }
                continue;
            }
            yield return (prefix + key, property, required.Contains(key));
        }
    }

    private sealed record Measured(double ClientWidth, double ClientHeight, double ScrollWidth, double ScrollHeight, double SvgWidth, double SvgHeight,
        double BoxTop, double BoxBottom, double SvgTop, double SvgBottom, double Ratio)
    {
        public Measured(System.Text.Json.JsonElement e)
            : this(Read(e, "clientWidth"), Read(e, "clientHeight"), Read(e, "scrollWidth"), Read(e, "scrollHeight"), Read(e, "svgWidth"), Read(e, "svgHeight"),
                Read(e, "boxTop"), Read(e, "boxBottom"), Read(e, "svgTop"), Read(e, "svgBottom"), Read(e, "ratio"))
        {
        }

        private static double Read(System.Text.Json.JsonElement e, string name) => e.GetProperty(name).GetDouble();
    }
}
