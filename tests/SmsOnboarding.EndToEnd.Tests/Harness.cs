using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Privacy;
using SmsOnboarding.Testing;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>One LocalDeployment in a temp folder plus the "people" of a scenario: they read OTPs from the simulated phones.</summary>
public sealed partial class Harness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private Harness(LocalDeployment stack, string dir)
    {
        Stack = stack;
        Dir = dir;
    }

    public LocalDeployment Stack { get; private set; }

    public string Dir { get; }

    public List<string> Answers { get; } = [];

    // The phones the people hold, per execution: a verification task names its number only by digest.
    private readonly Dictionary<string, IReadOnlyList<string>> _phones = new(StringComparer.Ordinal);

    public static async Task<Harness> StartAsync(SimulatorScenario scenario, bool nobodyAnswers = false, IReadOnlyDictionary<string, string>? settings = null,
        Func<StepDescriptor, IReadOnlyList<IamGrant>>? stepPermissions = null)
    {
        var dir = Directory.CreateTempSubdirectory("e2e-").FullName;
        var stack = await LocalDeployment.StartAsync(Options(dir, scenario, nobodyAnswers, settings, stepPermissions));
        return new Harness(stack, dir);
    }

    public static LocalDeploymentOptions Options(string dir, SimulatorScenario scenario, bool nobodyAnswers = false, IReadOnlyDictionary<string, string>? settings = null,
        Func<StepDescriptor, IReadOnlyList<IamGrant>>? stepPermissions = null) => new()
        {
            StepPermissions = stepPermissions,
            DataDirectory = dir,
            Scenario = scenario,
            Start = Start,
            SkipWhileAwaitingHumans = nobodyAnswers,
            Settings = settings,
        };

    public static SimulatorScenario Scenario(Func<SimulatorScenario, SimulatorScenario>? tweak = null, params SeedUserPool[] pools)
    {
        var scenario = new SimulatorScenario
        {
            // As the shipped scenarios: IAM changes take seconds to be seen, longer to reach Cognito.
            IamPropagation = new IamPropagation { ReadSeconds = 2, RoleAssumptionSeconds = 15 },
            Seed = new SeedData { UserPools = pools.Length > 0 ? pools : [new SeedUserPool("us-east-1", "checkout") { Id = "us-east-1_Checkout1" }] },
        };
        return tweak is null ? scenario : tweak(scenario);
    }

    public static OnboardingRequest Request(string poolId = "us-east-1_Checkout1", decimal spend = 250, string origination = "TollFree", string[]? numbers = null,
        string[]? countries = null, string? accountId = null)
    {
        var json = new JsonObject
        {
            ["requestId"] = "req-" + poolId.Replace('_', '-').ToLowerInvariant(),
            ["userPoolId"] = poolId,
            ["countries"] = new JsonArray((countries ?? ["US", "CA"]).Select(c => (JsonNode)c!).ToArray()),
            ["monthlySpendUsd"] = spend,
            ["messageType"] = "OneTimePassword",
            ["useCase"] = "One-time passwords for sign-in and account recovery of the checkout app.",
            ["websiteUrl"] = "https://checkout.example.com",
            ["optInProcess"] = "Customers enter their number on the profile page and confirm with a code; opting in is optional.",
            ["sampleMessages"] = new JsonArray("Your Checkout sign-in code is {####}. It expires in 5 minutes."),
            ["sandboxNumbers"] = new JsonArray((numbers ?? ["+12065550101", "+12065550102"]).Select(n => (JsonNode)n!).ToArray()),
            ["originationType"] = origination,
            ["requester"] = "alice",
            ["approvers"] = new JsonArray("bob"),
            ["team"] = "checkout",
            ["registration"] = SampleRegistration.Json(),
        };
        if (accountId is not null)
        {
            json["accountId"] = accountId;
        }
        var result = OnboardingRequestValidator.Validate(json);
        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Message)));
        return result.Request!;
    }

    /// <summary>
    /// Drives the run to its end: time skips while everything waits on AWS; whenever people are needed,
    /// <paramref name="answer"/> decides what they type (default: the right code, a case id, approved).
    /// </summary>
    public async Task<OnboardingRun> RunAsync(string executionArn, Func<HumanTask, JsonObject?>? answer = null, int maxRounds = 200) =>
        (await RunAllAsync([executionArn], answer, maxRounds))[0];

    /// <summary>Drives several runs of the one deployment side by side, answering each one's people, until all have ended.</summary>
    public async Task<IReadOnlyList<OnboardingRun>> RunAllAsync(IReadOnlyList<string> executionArns, Func<HumanTask, JsonObject?>? answer = null, int maxRounds = 200)
    {
        ArgumentNullException.ThrowIfNull(executionArns);
        answer ??= DefaultAnswer;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90 * executionArns.Count));
        foreach (var executionArn in executionArns)
        {
            var started = (await Stack.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, timeout.Token)).Input;
            _phones[executionArn] = JsonNode.Parse(started ?? "{}")?["sandboxNumbers"]?.AsArray().Select(n => (string)n!).ToList() ?? [];
        }

        for (var round = 0; round < maxRounds; round++)
        {
            await Stack.RunUntilIdleAsync(timeout.Token);
            var runs = new List<OnboardingRun>();
            foreach (var executionArn in executionArns)
            {
                runs.Add(await Stack.GetStatusAsync(executionArn, timeout.Token));
            }

            if (runs.All(r => r.Status != "RUNNING"))
            {
                return runs;
            }

            var pending = new List<HumanTask>();
            foreach (var executionArn in executionArns)
            {
                pending.AddRange(await Stack.Inbox.ListPendingAsync(executionArn, timeout.Token));
            }

            if (pending.Count == 0)
            {
                await Task.Delay(10, timeout.Token);
                continue;
            }

            foreach (var task in pending)
            {
                var input = answer(task);
                if (input is null)
                {
                    continue;
                }

                Answers.Add($"{task.Kind}:{input.ToJsonString()}");
                var outcome = await Stack.HumanTasks.CompleteAsync(task.Id, input, "tester", timeout.Token);
                Assert.True(outcome.Status is HumanTaskOutcomeStatus.Completed or HumanTaskOutcomeStatus.Expired, outcome.Message);
            }
        }

        throw new InvalidOperationException("The onboarding did not finish.");
    }

    /// <summary>
    /// Drives a run in which nobody answers: the harness moves time to the next timer itself, and only once the engine
    /// is quiet. (Letting the engine skip while a person is awaited can jump the clock while RegisterHumanTask is
    /// mid-call, which cancels it.)
    /// </summary>
    public async Task<OnboardingRun> RunWhileNobodyAnswersAsync(string executionArn)
    {
        for (var round = 0; round < 1000; round++)
        {
            await Stack.RunUntilIdleAsync();
            var run = await Stack.GetStatusAsync(executionArn);
            if (run.Status != "RUNNING")
            {
                return run;
            }

            Assert.True(Stack.Clock.TrySkipToNextTimer(), $"the run waits at {run.CurrentStep} on nothing a timer resolves");
        }

        throw new InvalidOperationException("The onboarding did not end.");
    }

    public JsonObject DefaultAnswer(HumanTask task) => task.Kind switch
    {
        HumanTaskKinds.VerificationCode => new JsonObject { ["code"] = LatestCode(PhoneOf(task)) },
        HumanTaskKinds.FileSupportCase => new JsonObject { ["caseId"] = FileInSupportCenter(task) },
        _ => new JsonObject { ["approved"] = true, ["note"] = "approved in the Support Center" },
    };

    /// <summary>
    /// What the person does with a fileSupportCase task: pastes its text into the Support Center's Create Case page
    /// (the simulated account's), then types the case id it shows into the task.
    /// </summary>
    public string FileInSupportCenter(HumanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = task.CaseText ?? throw new InvalidOperationException($"Task {task.Id} carries no case text.");
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        // Signed in to the account the case text names, as the person must be.
        var account = AccountLine().Match(text) is { Success: true } named
            ? Stack.Simulator.AccountById(named.Groups[1].Value) ?? throw new InvalidOperationException($"The case names account {named.Groups[1].Value}, which is not simulated.")
            : Stack.Simulator;
        return account.FileCaseInSupportCenter(text[..blank].Replace("Subject: ", "", StringComparison.Ordinal), text[(blank + 2)..]).CaseId;
    }

    /// <summary>The phone a verification task is about: the person holding it recognises it, the test by its digest.</summary>
    public string PhoneOf(HumanTask task) =>
        _phones[task.ExecutionArn].Single(n => PhoneDigest.Of(task.ExecutionArn, n) == task.Slot);

    /// <summary>The OTP in the newest SMS on the simulated phone.</summary>
    public string LatestCode(string phoneNumber)
    {
        var message = Stack.Simulator.MessagesTo(phoneNumber).LastOrDefault()
            ?? throw new InvalidOperationException($"No SMS reached {phoneNumber}.");
        return Otp().Match(message.Body).Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Stops the engine mid-run and reopens it on the same files; the simulated account (AWS) lives on.</summary>
    public async Task RestartEngineAsync()
    {
        var account = Stack.Simulator;
        var clock = Stack.Clock;
        await Stack.DisposeAsync();
        Stack = await LocalDeployment.StartAsync(new LocalDeploymentOptions { DataDirectory = Dir, Account = account, Clock = clock });
    }

    [GeneratedRegex("[0-9]{5,8}")]
    private static partial Regex Otp();

    [GeneratedRegex("^AWS account: ([0-9]{12})$", RegexOptions.Multiline)]
    private static partial Regex AccountLine();
}
