using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmsOnboarding.Api.Lambda;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Fuzz.Tests.Api;
using SmsOnboarding.Fuzz.Tests.Infrastructure;

namespace SmsOnboarding.Fuzz.Tests.Lambda;

/// <summary>
/// The EventBridge status handler fed malformed "Step Functions Execution Status Change" events (seeded), on the served
/// deployment's store and engine: every event gets an outcome, a refusal names InvalidStatusEvent and says why, and
/// no event makes the handler throw (Lambda would retry it, and it would fail the same way every time).
/// </summary>
[Collection(ServedApiCollection.Name)]
public sealed class ExecutionStatusEntryFuzzTests(ServedApi api)
{
    private const int Events = 600;

    private static readonly HashSet<string> Outcomes = ["applied", "unchanged", "ignored", "refused"];

    private static readonly byte[][] NotEvents = [""u8.ToArray(), "{"u8.ToArray(), "[]"u8.ToArray(), "null"u8.ToArray(), "42"u8.ToArray(), [0xFF, 0xFE, 0x00], "{\"detail\":[]}"u8.ToArray()];

    [Fact]
    public async Task Malformed_status_events_get_an_outcome_never_an_exception()
    {
        const string target = "lambda execution-status entry";
        var findings = new Findings(target);
        var random = new Random(FuzzSeed.For(target));
        var mutator = new JsonMutator(random, oversizeBytes: 300 * 1024);
        var services = api.Host.Services;
        var entry = new ExecutionStatusEntryPoint(services.GetRequiredService<IOnboardingStore>(), services.GetRequiredService<IOnboardingRuntime>(),
            api.Deployment.StateMachineArn, services.GetRequiredService<TimeProvider>(), TextWriter.Null);
        for (var i = 0; i < Events; i++)
        {
            var valid = Event(api.OnboardingIds.Count > 0 ? api.OnboardingIds[random.Next(api.OnboardingIds.Count)] : "onb-000000000000", random);
            var input = random.Next(20) == 0
                ? new MutatedBody("not an event", NotEvents[random.Next(NotEvents.Length)])
                : i % 10 == 0 ? new MutatedBody("none", Encoding.UTF8.GetBytes(valid.ToJsonString())) : mutator.Mutate(valid);
            await InvokeAsync(entry, input, findings);
        }
        findings.AssertNone();
    }

    private static async Task InvokeAsync(ExecutionStatusEntryPoint entry, MutatedBody input, Findings findings)
    {
        findings.Tried1();
        try
        {
            using var output = await entry.Handle(new MemoryStream(input.Bytes));
            var answer = JsonNode.Parse(output)!;
            var outcome = (string?)answer["outcome"];
            if (outcome is null || !Outcomes.Contains(outcome))
            {
                findings.Add(input.ToString(), $"unknown outcome: {Findings.Escape(answer.ToJsonString())}");
            }
            else if (outcome == "refused" && ((string?)answer["error"] != ExecutionStatusOutcome.InvalidEvent || string.IsNullOrEmpty((string?)answer["message"])))
            {
                findings.Add(input.ToString(), $"refused without {ExecutionStatusOutcome.InvalidEvent} and a reason: {Findings.Escape(answer.ToJsonString())}");
            }
        }
#pragma warning disable CA1031 // any exception is the finding
        catch (Exception e)
#pragma warning restore CA1031
        {
            findings.Add(input.ToString(), $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    private JsonObject Event(string name, Random random)
    {
        var executionArn = api.Deployment.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;
        var status = ExecutionStatusEvent.Statuses[random.Next(ExecutionStatusEvent.Statuses.Count)];
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = "315c1398-40ff-a850-213b-158f73e60175",
            ["detail-type"] = ExecutionStatusEvent.EventDetailType,
            ["source"] = ExecutionStatusEvent.EventSource,
            ["account"] = "111122223333",
            ["time"] = "2026-11-02T09:00:00Z",
            ["region"] = "us-east-1",
            ["resources"] = new JsonArray(executionArn),
            ["detail"] = new JsonObject
            {
                ["executionArn"] = executionArn,
                ["stateMachineArn"] = api.Deployment.StateMachineArn,
                ["name"] = name,
                ["status"] = status,
                ["startDate"] = 1793610000000,
                ["stopDate"] = null,
                ["input"] = "{}",
                ["error"] = status == "FAILED" ? "States.TaskFailed" : null,
                ["cause"] = status == "FAILED" ? "step failed" : null,
            },
        };
    }
}
