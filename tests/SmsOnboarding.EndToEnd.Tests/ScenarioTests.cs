using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.EndToEnd.Tests.KillNine;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.EndToEnd.Tests;

public sealed class ScenarioTests
{
    [Fact]
    public async Task Seoul_pool_sends_through_sns_in_tokyo()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario(pools: new SeedUserPool("ap-northeast-2", "seoul-app") { Id = "ap-northeast-2_Seoul1" }));
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request("ap-northeast-2_Seoul1", countries: ["KR"], numbers: ["+821012345678"]));

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        var pool = (await h.Stack.Aws.Cognito("ap-northeast-2").DescribeUserPoolAsync(new() { UserPoolId = "ap-northeast-2_Seoul1" })).UserPool!;
        Assert.Equal("ap-northeast-1", pool.SmsConfiguration!.SnsRegion);
        Assert.False((await h.Stack.Aws.Sns("ap-northeast-1").GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox);
        Assert.True((await h.Stack.Aws.Sns("ap-northeast-2").GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox);
    }

    [Fact]
    public async Task Ohio_pool_gets_its_us_origination_identity_through_a_support_case_opened_once()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario(pools: new SeedUserPool("us-east-2", "ohio-app") { Id = "us-east-2_Ohio1" }));
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-2_Ohio1"));

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        var cases = await CasesAsync(h);
        Assert.Single(cases, c => c.Subject!.Contains("origination", StringComparison.OrdinalIgnoreCase));
        Assert.Single(cases, c => c.Subject!.Contains("sandbox", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Account_already_in_production_with_an_origination_identity_takes_the_short_path()
    {
        var scenario = Harness.Scenario(s => s with
        {
            ProductionRegions = ["us-east-1"],
            Spend = new Dictionary<string, RegionSpend> { ["us-east-1"] = new(500, 100) },
            Seed = s.Seed with { OriginationNumbers = [new SeedOriginationNumber("us-east-1", "+18445550100", "TOLL_FREE")] },
        });
        await using var h = await Harness.StartAsync(scenario);
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        Assert.Empty(h.Answers);
        Assert.Empty(await CasesAsync(h));
        var history = await h.Stack.HistoryAsync(arn);
        Assert.DoesNotContain(history, e => e.Type == "WaitStateEntered");
        Assert.DoesNotContain(history, e => e.StateEnteredEventDetails?.Name is "AdvanceOrigination" or "Origination.OpenCase");
    }

    [Fact]
    public async Task Basic_support_plan_goes_through_people_filing_and_deciding_cases()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario(s => s with { SupportPlan = SupportPlan.Basic }));
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());
        var seen = new List<HumanTask>();

        // On a Basic plan the workflow cannot read the case the person filed in the Support Center, so the person records
        // AWS's answer; here AWS asked for more details, which ends the run with that note as the cause.
        var run = await h.RunAsync(arn, task =>
        {
            seen.Add(task);
            return task.Kind == HumanTaskKinds.SupportCaseDecision
                ? new JsonObject { ["approved"] = false, ["note"] = "AWS asked for the opt-in screenshot" }
                : h.DefaultAnswer(task);
        });

        Assert.Equal("FAILED", run.Status);
        Assert.Equal("AwsRequestDenied", run.Error);
        Assert.Contains("AWS asked for the opt-in screenshot", run.Cause, StringComparison.Ordinal);
        var filing = Assert.Single(seen, t => t.Kind == HumanTaskKinds.FileSupportCase);
        Assert.Equal("sandboxExit", filing.Need);
        Assert.StartsWith("https://console.aws.amazon.com/support/home#/case/create?issueType=service-limit-increase", filing.CaseLink, StringComparison.Ordinal);
        Assert.Contains("Limit: Exit SMS Sandbox", filing.CaseText, StringComparison.Ordinal);
        Assert.Contains(seen, t => t.Kind == HumanTaskKinds.SupportCaseDecision && t.CaseId!.StartsWith("case-111122223333-", StringComparison.Ordinal));
        var noApi = await Assert.ThrowsAsync<SmsOnboarding.Aws.Runtime.AwsServiceException>(() => CasesAsync(h));
        Assert.Equal("SubscriptionRequiredException", noApi.ErrorCode);
    }

    [Fact]
    public async Task Denied_spend_increase_fails_with_awss_reason()
    {
        var scenario = Harness.Scenario(s => s with
        {
            Reviews = s.Reviews with { SpendIncrease = new ReviewPolicy(72, Approve: false), QuotaIncrease = new ReviewPolicy(50, Approve: false) },
        });
        await using var h = await Harness.StartAsync(scenario);
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());

        var run = await h.RunAsync(arn);

        Assert.Equal("FAILED", run.Status);
        Assert.Equal("AwsRequestDenied", run.Error);
        Assert.Contains("spendIncrease", run.Cause, StringComparison.Ordinal);
        Assert.Contains("DENIED", run.Cause, StringComparison.Ordinal);
        var pool = (await h.Stack.Aws.Cognito("us-east-1").DescribeUserPoolAsync(new() { UserPoolId = "us-east-1_Checkout1" })).UserPool!;
        Assert.Null(pool.SmsConfiguration?.SnsCallerArn);
    }

    [Fact]
    public async Task Wrong_code_twice_then_the_right_one_verifies_the_number()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request(numbers: ["+12065550101"]));
        var wrong = 0;

        var run = await h.RunAsync(arn, task =>
            task.Kind == HumanTaskKinds.VerificationCode && wrong++ < 2 ? new JsonObject { ["code"] = "00000" } : h.DefaultAnswer(task));

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        Assert.Equal(3, h.Answers.Count(a => a.StartsWith(HumanTaskKinds.VerificationCode, StringComparison.Ordinal)));
        var numbers = (await h.Stack.Aws.Sns("us-east-1").ListSMSSandboxPhoneNumbersAsync(new ListSMSSandboxPhoneNumbersRequest())).PhoneNumbers!;
        Assert.Equal("Verified", numbers.Single().Status);
    }

    [Fact]
    public async Task Nobody_answering_gets_reminders_then_a_timeout_with_a_clear_cause()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request(numbers: ["+12065550101"]));

        var run = await h.RunWhileNobodyAnswersAsync(arn);

        Assert.Equal("FAILED", run.Status);
        Assert.True(run.Error == "VerificationCodeTimedOut", $"{run.Error} at {run.CurrentStep}: {run.Cause}");
        Assert.Contains("after 7 reminders", run.Cause, StringComparison.Ordinal);
        var history = await h.Stack.HistoryAsync(arn);
        Assert.Equal(8, history.Count(e => e.Type == "TaskStateEntered" && e.StateEnteredEventDetails?.Name == "Code.Ask"));
        Assert.Empty(await h.Stack.Inbox.ListPendingAsync(arn));
        var timeouts = history.Where(e => e.Type == "TaskTimedOut").ToList();
        Assert.Equal(8, timeouts.Count);

        // Each of the 7 re-registrations e-mailed the approvers once through the reminder topic: reminder n went out
        // when the task was re-issued after timeout n, so before the final timeout (each Code.Ask names its message).
        var published = h.Stack.Simulator.Topics.MessagesByName(ReminderTopic.Name);
        Assert.Equal(Enumerable.Range(1, 7).Select(n => $"reminder {n} of 7"), published.Select(m => Regex.Match(m.Subject!, "reminder [0-9]+ of 7").Value));
        Assert.All(published, m => Assert.Equal($"arn:aws:sns:us-east-1:111122223333:{ReminderTopic.Name}", m.TopicArn));
        Assert.All(published, m => Assert.Contains("+1******0101", m.Message, StringComparison.Ordinal));
        Assert.All(published, m => Assert.DoesNotContain("2065550101", m.Message, StringComparison.Ordinal));
        Assert.Contains("This is the last reminder.", published[^1].Message, StringComparison.Ordinal);
        var submitted = history.Where(e => e.Type == "TaskSubmitted").Select(e => JsonNode.Parse(e.TaskSubmittedEventDetails!.Output!)!["Payload"]!["reminder"]).ToList();
        Assert.Equal(new string?[] { null }.Concat(published.Select(m => ReminderOutcomes.Sent + m.MessageId)), submitted.Select(r => (string?)r));
    }

    [Fact]
    public async Task Throttling_and_server_errors_still_complete_with_one_case_per_need()
    {
        var scenario = Harness.Scenario(s => s with { Faults = new FaultInjection { Seed = 3, ThrottleRate = 0.20, ServerErrorRate = 0.05 } });
        await using var h = await Harness.StartAsync(scenario);
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        h.Stack.Simulator.ReplaceScenario(h.Stack.Simulator.Scenario with { Faults = new FaultInjection() });
        var cases = await CasesAsync(h);
        Assert.Single(cases, c => c.Subject!.Contains("sandbox", StringComparison.OrdinalIgnoreCase));
        var quotaRequests = await h.Stack.Aws.ServiceQuotas("us-east-1").ListRequestedServiceQuotaChangeHistoryByQuotaAsync(new() { ServiceCode = "sns", QuotaCode = "L-SMS0SPND" });
        Assert.Single(quotaRequests.RequestedQuotas!);
    }

    [Fact]
    public async Task Served_reminders_reach_the_topic_and_approvers_read_them_over_http()
    {
        const string Alice = "demo-requester-alice", Bob = "demo-approver-bob", Olivia = "demo-ops-olivia";
        const string Messages = "/sim/topics/" + ReminderTopic.Name + "/messages";
        var data = Directory.CreateTempSubdirectory("reminders-http-").FullName;
        try
        {
            await using var serve = await ServeChild.StartAsync(data);
            var request = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "examples", "onboarding-request.json")))!;
            var id = (string)(await serve.PostAsync(Alice, "/api/onboardings", request))["id"]!;
            // The code tasks' timeouts are armed once both Code.Ask tasks are submitted; only then does a day of skipped time expire them.
            await serve.WaitForAsync("both code tasks submitted", async () =>
                (await serve.GetAsync(Olivia, $"/api/onboardings/{id}/history"))["events"]!.AsArray().Count(e => (string?)e!["type"] == "TaskSubmitted") == 2 ? "" : null);
            Assert.Empty((await serve.GetAsync(Bob, Messages)).AsArray());

            await serve.PostAsync(Olivia, "/sim/clock/advance", new JsonObject { ["seconds"] = 86400 + 60 });
            var reminders = await serve.WaitForAsync("one reminder per code task", async () =>
                (await serve.GetAsync(Bob, Messages)).AsArray() is { Count: 2 } m ? m : null);

            Assert.Equal(["+1******0101", "+1******0102"], reminders.Select(r => Regex.Match((string)r!["subject"]!, @"\+1\*+[0-9]{4}").Value).Order());
            Assert.All(reminders, r => Assert.Contains("reminder 1 of 7", (string)r!["subject"]!, StringComparison.Ordinal));
            Assert.All(reminders, r => Assert.Contains("Onboarding: " + id, (string)r!["message"]!, StringComparison.Ordinal));
            Assert.All(reminders, r => Assert.Equal($"arn:aws:sns:us-east-1:111122223333:{ReminderTopic.Name}", (string?)r!["topicArn"]));
            using var requester = await serve.As(Alice).GetAsync(new Uri(Messages, UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, requester.StatusCode);
            using var badName = await serve.As(Bob).GetAsync(new Uri("/sim/topics/no%20such%20name/messages", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, badName.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    internal static async Task<List<CaseDetails>> CasesAsync(Harness h) =>
        (await h.Stack.Aws.Support().DescribeCasesAsync(new DescribeCasesRequest { IncludeResolvedCases = true })).Cases ?? [];
}
