using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using SmsOnboarding.Aws.AWSSupport;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.ServiceQuotas;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.EndToEnd.Tests.KillNine;

/// <summary>
/// Issue #5: the real <c>smsonboard serve</c> is killed with SIGKILL twice in the middle of an onboarding (while AWS
/// reviews the spend increase and both codes wait for a person; then after one code, right after the clock was
/// advanced), restarted on the same data directory each time, and finished through the HTTP API only.
/// </summary>
[Collection(KillNineCollection.Name)]
public sealed partial class KillNineTests : IDisposable
{
    private const string Alice = "demo-requester-alice";
    private const string Bob = "demo-approver-bob";
    private const string Olivia = "demo-ops-olivia";
    private const string First = "+12065550101";
    private const string Second = "+12065550102";

    private readonly string _data = Directory.CreateTempSubdirectory("kill-nine-").FullName;

    [Fact]
    public async Task Serve_killed_with_sigkill_while_waiting_on_aws_and_on_a_code_resumes_and_completes_without_duplicate_side_effects()
    {
        var request = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "examples", "onboarding-request.json")))!;
        string id;
        DateTimeOffset advancedTo;

        await using (var serve = await ServeChild.StartAsync(_data))
        {
            id = (string)(await serve.PostAsync(Alice, "/api/onboardings", request))["id"]!;
            await serve.WaitForAsync("a code task for each sandbox number", async () => (await CodeTasksAsync(serve)).Count == 2 ? "" : null);
            var review = await serve.WaitForAsync("the spend increase under AWS review", () => SpendRequestStatusAsync(serve));
            Assert.Contains(review, new[] { "PENDING", "CASE_OPENED" });
            await WaitUntilParkedAsync(serve, id);
            await serve.KillNineAsync();
        }

        await using (var serve = await ServeChild.StartAsync(_data))
        {
            Assert.Equal(2, (await CodeTasksAsync(serve)).Count);
            await CompleteCodeTaskAsync(serve, First);
            await serve.WaitForAsync($"{First} verified", async () => await SandboxStatusAsync(serve, First) == "Verified" ? "" : null);
            var advanced = await serve.PostAsync(Olivia, "/sim/clock/advance", new JsonObject { ["seconds"] = 7200 });
            advancedTo = Timestamp(advanced["now"]!);
            await WaitUntilParkedAsync(serve, id);
            await serve.KillNineAsync();
        }

        await using (var serve = await ServeChild.StartAsync(_data))
        {
            var resumedAt = Timestamp((await serve.PostAsync(Olivia, "/sim/clock/advance", new JsonObject { ["seconds"] = 1 }))["now"]!);
            Assert.True(resumedAt >= advancedTo.AddSeconds(1), $"virtual time went back across the restart: {advancedTo:O} then {resumedAt:O}");
            Assert.Single(await CodeTasksAsync(serve));
            await CompleteCodeTaskAsync(serve, Second);
            var detail = await serve.WaitForAsync("the onboarding to end", async () =>
            {
                var d = await serve.GetAsync(Alice, $"/api/onboardings/{id}");
                return (string?)d["status"] is "completed" or "failed" or "cancelled" ? d : null;
            }, within: TimeSpan.FromSeconds(60));

            Assert.True((string?)detail["status"] == "completed", detail.ToJsonString());
            await AssertHistoryNeverGoesBackInTimeAsync(serve, id);
            await AssertEachSideEffectHappenedOnceAsync(serve);
        }
        Assert.True(File.Exists(Path.Combine(_data, "simulator.json")));
        Assert.True(File.Exists(Path.Combine(_data, "clock.json")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task AssertEachSideEffectHappenedOnceAsync(ServeChild serve)
    {
        var config = AwsConfig(serve.BaseUri);
        using var sns = new AmazonSimpleNotificationServiceClient(config);
        Assert.False((await sns.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox);
        var numbers = (await sns.ListSMSSandboxPhoneNumbersAsync(new ListSMSSandboxPhoneNumbersRequest())).PhoneNumbers!;
        Assert.Equal(["Verified", "Verified"], new[] { First, Second }.Select(n => numbers.Single(x => x.PhoneNumber == n).Status));
        var limit = (await sns.GetSMSAttributesAsync(new GetSMSAttributesRequest { Attributes = ["MonthlySpendLimit"] })).Attributes!["MonthlySpendLimit"];
        Assert.Equal(250m, decimal.Parse(limit, CultureInfo.InvariantCulture));

        using var support = new AmazonAWSSupportClient(config);
        var cases = (await support.DescribeCasesAsync(new DescribeCasesRequest { IncludeResolvedCases = true })).Cases!;
        Assert.Equal(cases.Count, cases.Select(c => c.Subject).Distinct(StringComparer.Ordinal).Count());

        // The demo account lists an SMS production access quota, so the sandbox exit went through Service Quotas, once.
        using var quotas = new AmazonServiceQuotasClient(config);
        Assert.Single((await quotas.ListRequestedServiceQuotaChangeHistoryByQuotaAsync(new ListRequestedServiceQuotaChangeHistoryByQuotaRequest { ServiceCode = "sms-voice", QuotaCode = "L-EUM0PROD" })).RequestedQuotas!);
        var spendRequests = 0;
        foreach (var (service, code) in new[] { ("sns", "L-SMS0SPND"), ("sms-voice", "L-EUM0SPND") })
        {
            spendRequests += (await quotas.ListRequestedServiceQuotaChangeHistoryByQuotaAsync(new ListRequestedServiceQuotaChangeHistoryByQuotaRequest { ServiceCode = service, QuotaCode = code })).RequestedQuotas!.Count;
        }
        Assert.Equal(1, spendRequests);

        // One code per number (nothing was re-sent across the kills) and one test message, to the first number.
        var first = await MessagesAsync(serve, First);
        var second = await MessagesAsync(serve, Second);
        Assert.Single(first, m => (string?)m["from"] == "AWSVerify");
        Assert.Single(first, m => (string?)m["from"] != "AWSVerify");
        Assert.Single(second);
        Assert.Equal("AWSVerify", (string?)second[0]["from"]);

        using var cognito = new AmazonCognitoIdentityProviderClient(config);
        var pool = (await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_Checkout1" })).UserPool!;
        Assert.Equal("arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1", pool.SmsConfiguration?.SnsCallerArn);
        Assert.Equal("us-east-1", pool.SmsConfiguration!.SnsRegion);
        using var iam = new AmazonIdentityManagementServiceClient(config);
        Assert.Equal("/sms-onboarding/", (await iam.GetRoleAsync(new GetRoleRequest { RoleName = "sms-us-east-1_Checkout1" })).Role!.Path);
    }

    private static async Task AssertHistoryNeverGoesBackInTimeAsync(ServeChild serve, string id)
    {
        var events = (await serve.GetAsync(Olivia, $"/api/onboardings/{id}/history"))["events"]!.AsArray()
            .Select(e => (Id: (long)e!["id"]!, At: Timestamp(e["timestamp"]!))).OrderBy(e => e.Id).ToList();
        Assert.True(events.Count > 20, $"only {events.Count} history events");
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].At >= events[i - 1].At, $"event {events[i].Id} at {events[i].At:O} is earlier than event {events[i - 1].Id} at {events[i - 1].At:O}");
        }
    }

    /// <summary>
    /// Waits until every branch rests on the spend review's Wait or on a submitted code task, so the kill lands while
    /// the run waits on AWS and on people: the phases this test names. A task in flight at the stop is covered by the
    /// engine's RecoveryHandlersTests (handlers are given at open, before recovery re-dispatches it).
    /// </summary>
    private static Task WaitUntilParkedAsync(ServeChild serve, string id) =>
        serve.WaitForAsync("the run to rest on the spend review and the code tasks", async () =>
        {
            var open = new List<string>();
            var submitted = 0;
            var asked = 0;
            foreach (var e in (await serve.GetAsync(Olivia, $"/api/onboardings/{id}/history"))["events"]!.AsArray())
            {
                var (type, state) = ((string)e!["type"]!, (string?)e["stateName"]);
                if (type == "TaskSubmitted")
                {
                    submitted++;
                }
                else if (state is not null && type.EndsWith("StateEntered", StringComparison.Ordinal))
                {
                    open.Add(state);
                }
                else if (state is not null && type.EndsWith("StateExited", StringComparison.Ordinal))
                {
                    open.Remove(state);
                    asked += state == "Code.Ask" ? 1 : 0;
                }
            }
            var resting = open.All(s => s is "Prepare" or "VerifySandboxNumbers" or "Spend.WaitForReview" or "Code.Ask") &&
                          open.Contains("Spend.WaitForReview") &&
                          submitted - asked == open.Count(s => s == "Code.Ask");
            return resting ? "" : null;
        });

    private static async Task<IReadOnlyList<JsonNode>> CodeTasksAsync(ServeChild serve) =>
        [.. (await serve.GetAsync(Bob, "/api/tasks")).AsArray().OfType<JsonNode>().Where(t => (string?)t["kind"] == "verificationCode")];

    private static async Task CompleteCodeTaskAsync(ServeChild serve, string phone)
    {
        var task = (await CodeTasksAsync(serve)).Single(t => ((string?)t["maskedPhone"])?.EndsWith(phone[^4..], StringComparison.Ordinal) == true);
        var code = Otp().Match((string)(await MessagesAsync(serve, phone)).Last(m => (string?)m["from"] == "AWSVerify")["body"]!).Value;
        var answer = await serve.PostAsync(Bob, $"/api/tasks/{(string)task["id"]!}/complete", new JsonObject { ["code"] = code });
        Assert.True((string?)answer["result"] is "completed", answer.ToJsonString());
    }

    private static async Task<IReadOnlyList<JsonNode>> MessagesAsync(ServeChild serve, string phone) =>
        [.. (await serve.GetAsync(Bob, $"/sim/phones/{Uri.EscapeDataString(phone)}/messages")).AsArray().OfType<JsonNode>()];

    private static async Task<string?> SandboxStatusAsync(ServeChild serve, string phone)
    {
        using var sns = new AmazonSimpleNotificationServiceClient(AwsConfig(serve.BaseUri));
        return (await sns.ListSMSSandboxPhoneNumbersAsync(new ListSMSSandboxPhoneNumbersRequest())).PhoneNumbers!.SingleOrDefault(n => n.PhoneNumber == phone)?.Status;
    }

    private static async Task<string?> SpendRequestStatusAsync(ServeChild serve)
    {
        using var quotas = new AmazonServiceQuotasClient(AwsConfig(serve.BaseUri));
        var requests = (await quotas.ListRequestedServiceQuotaChangeHistoryByQuotaAsync(new ListRequestedServiceQuotaChangeHistoryByQuotaRequest { ServiceCode = "sns", QuotaCode = "L-SMS0SPND" })).RequestedQuotas!;
        return requests.Count == 0 ? null : requests[0].Status;
    }

    private static DateTimeOffset Timestamp(JsonNode value) => DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture);

    // The simulator's credentials against the AWS-compatible endpoints on serve's own port.
    private static AwsClientConfig AwsConfig(Uri endpoint) => new()
    {
        Region = "us-east-1",
        ServiceUrl = endpoint,
        Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
        Retry = new RetryOptions { MaxAttempts = 1 },
        EnvironmentVariable = _ => null,
    };

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex Otp();
}

/// <summary>Child serve processes are heavy on a 2-core machine: they do not run next to each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KillNineCollection
{
    public const string Name = "kill -9 of serve";
}
