using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.EndToEnd.Tests.Replay;

/// <summary>
/// Re-records Replay/histories/*.json by running every scenario on the embedded engine and the simulated account.
/// Only on demand (<c>make record-histories</c>): a recorded history is meant to stay as old runs left it, so a
/// contract change that breaks it fails <see cref="ReplayTests"/> instead of being recorded over.
/// </summary>
public sealed class HistoryRecorder
{
    public static TheoryData<string> Scenarios => new(RecordedScenario.All.Select(s => s.Name));

    [RecordingTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Records_the_history_of(string name)
    {
        var scenario = RecordedScenario.All.Single(s => s.Name == name);
        await using var h = await Harness.StartAsync(scenario.Account());
        var arn = await h.Stack.StartOnboardingAsync(scenario.Request());

        var status = await scenario.Drive(h, arn);

        var history = HistoryRecording.From(scenario.Name, scenario.About, arn, status, await h.Stack.HistoryAsync(arn));
        Assert.Empty(HistoryReplay.Today().Problems(history));
        await File.WriteAllTextAsync(ReplayTests.PathOf(scenario.Name), HistoryRecording.Text(history));
    }
}

/// <summary>One run whose history is kept: the account it meets, the request, and how its people and time behave.</summary>
public sealed record RecordedScenario(string Name, string About, Func<SimulatorScenario> Account, Func<OnboardingRequest> Request, Func<Harness, string, Task<string>> Drive)
{
    public static IReadOnlyList<RecordedScenario> All { get; } =
    [
        new("happy-path", "New account in us-east-1: a toll-free number, two sandbox numbers verified, spend raised, sandbox exit by a support case.",
            () => Harness.Scenario(), () => Harness.Request(), ToTheEnd()),
        new("short-path", "Account already in production with a toll-free number and enough spend: no case, no person.",
            () => Harness.Scenario(s => s with
            {
                ProductionRegions = ["us-east-1"],
                Spend = new Dictionary<string, RegionSpend> { ["us-east-1"] = new(500, 100) },
                Seed = s.Seed with { OriginationNumbers = [new SeedOriginationNumber("us-east-1", "+18445550100", "TOLL_FREE")] },
            }),
            () => Harness.Request(), ToTheEnd()),
        new("cross-region", "A Seoul pool sends through SNS in Tokyo.",
            () => Harness.Scenario(pools: new SeedUserPool("ap-northeast-2", "seoul-app") { Id = "ap-northeast-2_Seoul1" }),
            () => Harness.Request("ap-northeast-2_Seoul1", countries: ["KR"], numbers: ["+821012345678"]), ToTheEnd()),
        new("origination-case", "An Ohio pool gets its US origination identity through a support case.",
            () => Harness.Scenario(pools: new SeedUserPool("us-east-2", "ohio-app") { Id = "us-east-2_Ohio1" }),
            () => Harness.Request("us-east-2_Ohio1"), ToTheEnd()),
        new("ten-dlc", "A 10DLC campaign registration as the origination identity.",
            () => Harness.Scenario(), () => Harness.Request(origination: "TenDlc", numbers: ["+12065550101"]), ToTheEnd()),
        new("short-code", "A short code as the origination identity.",
            () => Harness.Scenario(), () => Harness.Request(origination: "ShortCode", numbers: ["+12065550101"]), ToTheEnd()),
        new("people-file-cases", "Basic support plan: people file the cases by hand and record AWS's answer, which asks for more (the run fails).",
            () => Harness.Scenario(s => s with { SupportPlan = SupportPlan.Basic }), () => Harness.Request(),
            ToTheEnd(task => task.Kind == HumanTaskKinds.SupportCaseDecision ? new JsonObject { ["approved"] = false, ["note"] = "AWS asked for the opt-in screenshot" } : null)),
        new("spend-denied", "AWS denies the spend increase (the run fails with AWS's reason).",
            () => Harness.Scenario(s => s with { Reviews = s.Reviews with { SpendIncrease = new ReviewPolicy(72, Approve: false), QuotaIncrease = new ReviewPolicy(50, Approve: false) } }),
            () => Harness.Request(), ToTheEnd()),
        new("wrong-codes", "A wrong verification code twice, then the right one.",
            () => Harness.Scenario(), () => Harness.Request(numbers: ["+12065550101"]), WrongCodesFirst(2)),
        new("resend-codes", "New codes asked for until the daily limit, then the last code verifies.",
            () => Harness.Scenario(), () => Harness.Request(numbers: ["+12065550101"]), ResendUntilLimited()),
        new("nobody-answers", "Nobody types the code: seven reminders, then the run times out.",
            () => Harness.Scenario(), () => Harness.Request(numbers: ["+12065550101"]), NobodyAnswers),
        new("throttled", "AWS throttles 20% of calls and fails 5% with server errors; the run still completes.",
            () => Harness.Scenario(s => s with { Faults = new FaultInjection { Seed = 3, ThrottleRate = 0.20, ServerErrorRate = 0.05 } }),
            () => Harness.Request(), ToTheEnd()),
        new("cancelled", "Cancelled while waiting for a verification code (the run rests in Code.Ask).",
            () => Harness.Scenario(), () => Harness.Request(numbers: ["+12065550101"]), CancelledWhileWaiting),
    ];

    private static Func<Harness, string, Task<string>> ToTheEnd(Func<HumanTask, JsonObject?>? answer = null) => async (h, arn) =>
        (await h.RunAsync(arn, task => answer?.Invoke(task) ?? h.DefaultAnswer(task))).Status;

    private static Func<Harness, string, Task<string>> WrongCodesFirst(int wrong) => async (h, arn) =>
    {
        var given = 0;
        return (await h.RunAsync(arn, task =>
            task.Kind == HumanTaskKinds.VerificationCode && given++ < wrong ? new JsonObject { ["code"] = "00000" } : h.DefaultAnswer(task))).Status;
    };

    private static Func<Harness, string, Task<string>> ResendUntilLimited() => async (h, arn) =>
        (await h.RunAsync(arn, task =>
            task.Kind != HumanTaskKinds.VerificationCode || task.Prompt.Contains("no new code can be sent yet", StringComparison.Ordinal)
                ? h.DefaultAnswer(task)
                : new JsonObject { ["resend"] = true })).Status;

    private static async Task<string> NobodyAnswers(Harness h, string arn)
    {
        for (var round = 0; round < 1000; round++)
        {
            await h.Stack.RunUntilIdleAsync();
            var run = await h.Stack.GetStatusAsync(arn);
            if (run.Status != "RUNNING" || !h.Stack.Clock.TrySkipToNextTimer())
            {
                return run.Status;
            }
        }

        throw new InvalidOperationException("The onboarding did not end.");
    }

    private static async Task<string> CancelledWhileWaiting(Harness h, string arn)
    {
        await h.Stack.RunUntilIdleAsync();
        await h.Stack.StopAsync(arn, "cancelled by olivia: wrong pool");
        await h.Stack.RunUntilIdleAsync();
        return (await h.Stack.GetStatusAsync(arn)).Status;
    }
}

/// <summary>A theory that runs only when RECORD_HISTORIES=1 (the recorder writes into the source tree).</summary>
public sealed class RecordingTheoryAttribute : TheoryAttribute
{
    public RecordingTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("RECORD_HISTORIES") != "1")
        {
            Skip = "re-records Replay/histories only when asked: make record-histories";
        }
    }
}
