using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Policies;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>
/// An account and a request that together take the workflow down one of its paths, what happens in the account
/// before the request (<paramref name="Prepare"/>), whether anyone answers, and how the run ends with every grant.
/// </summary>
public sealed record CoverageScenario(string Name, Func<SimulatorScenario> Account, Func<OnboardingRequest> Request,
    Func<Harness, Task>? Prepare = null, bool NobodyAnswers = false, string Ends = "SUCCEEDED")
{
    public async Task<(OnboardingRun Run, string Arn)> RunAsync(Harness h)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (Prepare is not null)
        {
            await Prepare(h);
        }
        var arn = await h.Stack.StartOnboardingAsync(Request());
        var run = NobodyAnswers ? await h.RunWhileNobodyAnswersAsync(arn) : await h.RunAsync(arn, task => GrantCoverage.Answer(h, task));
        return (run, arn);
    }

    public override string ToString() => Name;
}

/// <summary>
/// Runs each path once with every grant and reads from the simulated account's trail which step role used which
/// action, so each grant test reruns only the first scenario that needs it.
/// </summary>
public sealed class GrantCoverage : IAsyncLifetime
{
    private const string FixedOptIn = "Customers text JOIN to the number, or tick the SMS box on the profile page, and confirm with a code.";

    private readonly Dictionary<(string Step, string Action), CoverageScenario> _firstUser = [];

    /// <summary>The paths: a new account (toll-free), 10DLC, a registration sent back, Ohio's origination case, an
    /// account already in production, Seoul through Tokyo, a pool whose role exists but was edited, a spend quota
    /// request someone already opened, a spend increase AWS denies, nobody answering, and a pool in a team's account.</summary>
    public static IReadOnlyList<CoverageScenario> Scenarios { get; } =
    [
        new("new account, toll-free", () => Harness.Scenario(), () => Harness.Request()),
        new("10DLC", () => Harness.Scenario(), () => Harness.Request(origination: "TenDlc", numbers: ["+12065550101"])),
        new("registration sent back once", () => Harness.Scenario(s => s with { Reviews = s.Reviews with { RegistrationVersionsSentBack = 1 } }), () => Harness.Request()),
        new("Ohio origination case", () => Harness.Scenario(pools: new SeedUserPool("us-east-2", "ohio-app") { Id = "us-east-2_Ohio1" }), () => Harness.Request("us-east-2_Ohio1")),
        new("in production with a toll-free number", () => Harness.Scenario(s => s with
        {
            ProductionRegions = ["us-east-1"],
            Spend = new Dictionary<string, RegionSpend> { ["us-east-1"] = new(500, 100) },
            Seed = s.Seed with { OriginationNumbers = [new SeedOriginationNumber("us-east-1", "+18445550100", "TOLL_FREE")] },
        }), () => Harness.Request()),
        new("Seoul through Tokyo", () => Harness.Scenario(pools: new SeedUserPool("ap-northeast-2", "seoul-app") { Id = "ap-northeast-2_Seoul1" }),
            () => Harness.Request("ap-northeast-2_Seoul1", countries: ["KR"], numbers: ["+821012345678"])),
        new("the pool's role was edited", () => Harness.Scenario(s => s with { Seed = s.Seed with { Roles = [EditedRole("us-east-1_Checkout1")] } }), () => Harness.Request()),
        new("a spend quota request is already open", () => Harness.Scenario(), () => Harness.Request(), Prepare: AskForMoreSpendInTheConsole),
        new("spend increase denied", () => Harness.Scenario(s => s with
        {
            Reviews = s.Reviews with { SpendIncrease = new ReviewPolicy(72, Approve: false), QuotaIncrease = new ReviewPolicy(50, Approve: false) },
        }), () => Harness.Request(), Ends: "FAILED"),
        new("nobody answers", () => Harness.Scenario(), () => Harness.Request(numbers: ["+12065550101"]), NobodyAnswers: true, Ends: "FAILED"),
        // Last, so it is the first user only of what no path in the service's own account needs: reaching a team's account.
        new("a pool in a team's account", TargetAccountTests.Organisation, () => Harness.Request("us-east-1_Payments1", accountId: TargetAccountTests.Payments)),
    ];

    public CoverageScenario? FirstUser(string step, string action) => _firstUser.GetValueOrDefault((step, action));

    /// <summary>What a person answers: the harness's default, and for a registration sent back, a fixed opt-in.</summary>
    public static JsonObject? Answer(Harness h, HumanTask task) => task.Kind == HumanTaskKinds.FixRegistration
        ? new JsonObject { ["registration"] = new JsonObject { ["optInType"] = "TEXT" }, ["optInProcess"] = FixedOptIn }
        : h.DefaultAnswer(task);

    public async Task InitializeAsync()
    {
        var roles = StepCatalog.All.ToDictionary(s => $"assumed-role/{StepCatalog.FunctionName(s.Name)}-role/", s => s.Name, StringComparer.Ordinal);
        foreach (var scenario in Scenarios)
        {
            await using var h = await Harness.StartAsync(scenario.Account(), nobodyAnswers: scenario.NobodyAnswers);
            var (run, _) = await scenario.RunAsync(h);
            Assert.True(run.Status == scenario.Ends, $"{scenario.Name}: {run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
            foreach (var e in h.Stack.Simulator.Trail.Where(e => e.Allowed))
            {
                var role = roles.Keys.FirstOrDefault(r => e.PrincipalArn.Contains(r, StringComparison.Ordinal));
                if (role is not null)
                {
                    _firstUser.TryAdd((roles[role], e.Action), scenario);
                }
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // Someone asked for more SMS spend in the Service Quotas console before the onboarding: the workflow must watch that request.
    private static async Task AskForMoreSpendInTheConsole(Harness h)
    {
        var quotas = h.Stack.Aws.ServiceQuotas("us-east-1");
        foreach (var serviceCode in new[] { "sns", "sms-voice" })
        {
            var listed = await quotas.ListServiceQuotasAsync(new ListServiceQuotasRequest { ServiceCode = serviceCode });
            foreach (var quota in (listed.Quotas ?? []).Where(q => q.QuotaName?.Contains("spend", StringComparison.OrdinalIgnoreCase) == true))
            {
                await quotas.RequestServiceQuotaIncreaseAsync(new RequestServiceQuotaIncreaseRequest { ServiceCode = serviceCode, QuotaCode = quota.QuotaCode, DesiredValue = 1000 });
            }
        }
    }

    // Someone edited the pool's role: the trust policy lost its conditions and the sns:Publish policy is gone.
    private static SeedRole EditedRole(string poolId) => new(SmsRolePolicies.RoleName(poolId), new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "cognito-idp.amazonaws.com" },
            ["Action"] = "sts:AssumeRole",
        }),
    })
    { Path = SmsRolePolicies.RolePath };
}
