using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Steps.Workflow;

namespace SmsOnboarding.Steps.Tests.Catalog;

public sealed partial class StateMachineDefinitionTests
{
    private static readonly string Raw = File.ReadAllText(RepoPaths.StateMachine);

    [Fact]
    public void Definition_is_valid_json_before_substitution()
    {
        var node = JsonNode.Parse(Raw)!;
        Assert.Equal("Start", (string?)node["StartAt"]);
    }

    [Fact]
    public void Every_placeholder_is_a_catalog_function_or_setting_and_every_catalog_entry_is_used()
    {
        var used = Placeholder().Matches(Raw).Select(m => m.Groups[1].Value).ToHashSet();
        var known = StepCatalog.All.Select(s => s.FunctionArnPlaceholder).Concat(StepCatalog.Settings.Keys).ToHashSet();

        Assert.Empty(used.Except(known));
        Assert.Empty(known.Except(used));
    }

    [Fact]
    public void Every_task_names_a_catalog_function_and_retries_transient_errors()
    {
        var root = JsonNode.Parse(Raw)!;
        var tasks = AllStates(root).Where(s => (string?)s.State["Type"] == "Task").ToList();
        Assert.NotEmpty(tasks);
        foreach (var (name, state) in tasks)
        {
            var function = (string?)state["Parameters"]?["FunctionName"];
            Assert.True(function is not null && StepCatalog.All.Any(s => function == "${" + s.FunctionArnPlaceholder + "}"), name);
            var retried = state["Retry"]!.AsArray().SelectMany(r => r!["ErrorEquals"]!.AsArray()).Select(e => (string?)e);
            Assert.Contains(StepErrors.Transient, retried);
        }
    }

    [Fact]
    public void Every_human_wait_has_a_timeout_and_loops_through_a_bounded_reminder()
    {
        var root = JsonNode.Parse(Raw)!;
        var states = AllStates(root).ToDictionary(s => s.Name, s => s.State);
        var waits = states.Where(s => ((string?)s.Value["Resource"])?.EndsWith(".waitForTaskToken", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(8, waits.Count);
        foreach (var (name, state) in waits)
        {
            // The path resolves both in the raw state input and in the effective Parameters (engines differ on which they read).
            Assert.Equal("$.Payload.timeoutSeconds", (string?)state["TimeoutSecondsPath"]);
            Assert.Equal("$.settings.humanReminderSeconds", (string?)state["Parameters"]!["Payload"]!["timeoutSeconds.$"]);
            var catcher = state["Catch"]!.AsArray().Single()!;
            var errors = catcher["ErrorEquals"]!.AsArray().Select(e => (string?)e).ToList();
            Assert.Contains("States.Timeout", errors);
            Assert.Contains("States.HeartbeatTimeout", errors);
            var remind = states[(string)catcher["Next"]!];
            Assert.Equal("Choice", (string?)remind["Type"]);
            var giveUp = states[(string)remind["Choices"]![0]!["Next"]!];
            Assert.Equal("Fail", (string?)giveUp["Type"]);
            Assert.Contains("reminders", (string?)giveUp["Cause"], StringComparison.Ordinal);
            var count = states[(string)remind["Default"]!];
            Assert.Equal(name, (string?)count["Next"]);
        }
    }

    [Fact]
    public void Substituted_settings_become_numbers()
    {
        var substituted = Substitute(Raw, StepCatalog.LocalSubstitutions());
        Assert.DoesNotMatch(Placeholder(), substituted);
        var settings = JsonNode.Parse(substituted)!["States"]!["Start"]!["Parameters"]!["settings"]!.AsObject();
        foreach (var (_, value) in settings)
        {
            var call = (string)value!;
            var inner = StringToJsonArgument().Match(call).Groups[1].Value;
            Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(inner).RootElement.ValueKind);
        }
    }

    [Fact]
    public void Sixty_day_review_stays_under_two_thousand_history_events()
    {
        var initial = int.Parse(StepCatalog.Settings[SettingNames.PollInitialSeconds], System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(StepCatalog.Settings[SettingNames.PollMaxSeconds], System.Globalization.CultureInfo.InvariantCulture);
        var polls = PollBackoff.PollsToCover(TimeSpan.FromDays(60), initial, max);

        Assert.InRange(polls * PollBackoff.EventsPerPoll, 1, 1999);
    }

    [Fact]
    public void Poll_loop_is_wait_task_choice_so_nine_events_per_poll()
    {
        var root = JsonNode.Parse(Raw)!;
        var states = AllStates(root).ToDictionary(s => s.Name, s => s.State);
        var wait = states["Sandbox.WaitForReview"];
        var check = states[(string)wait["Next"]!];
        var choice = states[(string)check["Next"]!];
        Assert.Equal(("Wait", "Task", "Choice"), ((string)wait["Type"]!, (string)check["Type"]!, (string)choice["Type"]!));
        Assert.Equal("Sandbox.WaitForReview", (string?)choice["Default"]);
        Assert.Equal(9, PollBackoff.EventsPerPoll);
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    internal static IEnumerable<(string Name, JsonNode State)> AllStates(JsonNode machine)
    {
        foreach (var (name, state) in machine["States"]!.AsObject())
        {
            yield return (name, state!);
            foreach (var branch in state!["Branches"]?.AsArray() ?? [])
            {
                foreach (var inner in AllStates(branch!))
                {
                    yield return inner;
                }
            }

            if (state["ItemProcessor"] is { } processor)
            {
                foreach (var inner in AllStates(processor))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^States\.StringToJson\('(.*)'\)$")]
    private static partial Regex StringToJsonArgument();
}
