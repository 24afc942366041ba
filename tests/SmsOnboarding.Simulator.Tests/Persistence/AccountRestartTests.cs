using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Aws.AWSSupport;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.ServiceQuotas;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Simulator.Persistence;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.Tests.Infrastructure;
using AwsServiceException = SmsOnboarding.Aws.Runtime.AwsServiceException;

namespace SmsOnboarding.Simulator.Tests.Persistence;

/// <summary>
/// The same script of AWS calls against one account that lives throughout, and against one that is reopened from
/// its file (a new process, as after kill -9) before every call: answers and the final file must be identical.
/// </summary>
public sealed partial class AccountRestartTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    // Faults on SNS make the fault generator's position part of what must survive a restart.
    private const string Scenario = """
        {
          "name": "restart",
          "faults": { "seed": 11, "throttleRate": 0.25, "services": ["sns"] },
          "seed": { "userPools": [ { "region": "us-east-1", "poolName": "checkout", "id": "us-east-1_Checkout1" } ] }
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("sim-restart-").FullName;

    [Fact]
    public async Task Account_reopened_from_its_file_before_every_call_answers_exactly_like_one_that_never_stopped()
    {
        var steady = await RunScriptAsync(Path.Combine(_dir, "steady.json"), restartBeforeEachCall: false);
        var restarted = await RunScriptAsync(Path.Combine(_dir, "restarted.json"), restartBeforeEachCall: true);

        Assert.Equal(steady.Transcript, restarted.Transcript);
        Assert.Equal(WithoutTopicMessageIds(steady.File), WithoutTopicMessageIds(restarted.File));
        Assert.Contains("sms-onboarding-reminders", steady.File, StringComparison.Ordinal);
        // The script really exercised what must survive: faults, codes, reviews that completed across restarts.
        Assert.Contains(steady.Transcript, line => line.EndsWith(":error Throttled", StringComparison.Ordinal));
        Assert.Contains("sandbox-after-review:False", steady.Transcript);
        Assert.Contains("quota-after-review:APPROVED", steady.Transcript);
    }

    [Fact]
    public async Task Every_change_answered_to_concurrent_callers_is_in_the_file()
    {
        // One save covers many calls (group save): none of them may be left out of it.
        var path = Path.Combine(_dir, "concurrent.json");
        var account = SimulatorStateFile.OpenOrCreate(path, scenario: null, new FakeTimeProvider(Start));
        await using var host = await SimulatorHost.StartAsync(account);
        using var iam = new AmazonIdentityManagementServiceClient(Config(host.BaseUri));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var role = await iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = $"concurrent-{i}",
                AssumeRolePolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
            });
            Assert.Contains($"\"{role.Role!.RoleId}\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        })));

        var saved = await File.ReadAllTextAsync(path);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"\"concurrent-{i}\"", saved, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_state_collection_of_the_account_is_in_the_saved_file()
    {
        var path = Path.Combine(_dir, SimulatorStateFile.FileName);
        SimulatorStateFile.OpenOrCreate(path, ScenarioLoader.Parse(Scenario), new FakeTimeProvider(Start));
        var saved = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        // State added to SimulatedAccount without a place in the file would silently vanish on restart.
        var collections = typeof(SimulatedAccount).GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(p => p.PropertyType.Namespace == "SmsOnboarding.Simulator.State" ||
                        (p.PropertyType.IsGenericType && p.PropertyType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>))))
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .ToList();

        Assert.NotEmpty(collections);
        Assert.All(collections, name => Assert.True(saved.ContainsKey(name), $"SimulatedAccount.{name} is not saved in {SimulatorStateFile.FileName}"));
    }

    [Fact]
    public async Task Call_that_changes_nothing_does_not_rewrite_the_file_and_a_change_is_on_disk_before_the_answer()
    {
        var path = Path.Combine(_dir, SimulatorStateFile.FileName);
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(SimulatorStateFile.OpenOrCreate(path, new SimulatorScenario(), time));
        using var sns = new AmazonSimpleNotificationServiceClient(Config(host.BaseUri));
        // The first call in a Region creates its SMS settings (a change); the same call again changes nothing.
        await sns.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest());
        File.Delete(path);

        await sns.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest());
        Assert.False(File.Exists(path));

        await sns.CreateSMSSandboxPhoneNumberAsync(new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = "+12065550101" });
        var reopened = SimulatorStateFile.Open(path, time);
        Assert.Matches(Otp(), reopened.MessagesTo("+12065550101").Single().Body);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Replaced_scenario_is_saved_and_reopened()
    {
        var path = Path.Combine(_dir, SimulatorStateFile.FileName);
        var account = SimulatorStateFile.OpenOrCreate(path, new SimulatorScenario(), new FakeTimeProvider(Start));

        account.ReplaceScenario(new SimulatorScenario { Name = "slow-reviews", Reviews = new ReviewPolicies { SandboxExit = new ReviewPolicy(400) } });

        var reopened = SimulatorStateFile.Open(path);
        Assert.Equal("slow-reviews", reopened.Scenario.Name);
        Assert.Equal(400, reopened.Scenario.Reviews.SandboxExit.DelayHours);
        Assert.Equal("default", SimulatorStateFile.CreatedFrom(path).Name);
    }

    [Theory]
    [InlineData("{ this is not json", "not a valid saved simulated account")]
    [InlineData("", "not a valid saved simulated account")]
    [InlineData("null", "format")]
    [InlineData("""{"format": 99}""", "format 1")]
    [InlineData("""{"format": 1, "scenario": {}}""", "not a valid saved simulated account")]
    public void Unreadable_file_is_refused_with_its_name_and_the_problem(string content, string problem)
    {
        var path = Path.Combine(_dir, SimulatorStateFile.FileName);
        File.WriteAllText(path, content);

        var error = Assert.Throws<SimulatorStateException>(() => SimulatorStateFile.OpenOrCreate(path, new SimulatorScenario()));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void Saved_file_with_a_member_this_version_does_not_know_is_refused_rather_than_half_read()
    {
        var path = Path.Combine(_dir, SimulatorStateFile.FileName);
        SimulatorStateFile.OpenOrCreate(path, new SimulatorScenario(), new FakeTimeProvider(Start));
        var saved = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        saved["topicsFromTheFuture"] = new JsonArray();
        File.WriteAllText(path, saved.ToJsonString());

        var error = Assert.Throws<SimulatorStateException>(() => SimulatorStateFile.Open(path));

        Assert.Contains("topicsFromTheFuture", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(List<string> Transcript, string File)> RunScriptAsync(string path, bool restartBeforeEachCall)
    {
        var time = new FakeTimeProvider(Start);
        var transcript = new List<string>();
        SimulatedAccount account = SimulatorStateFile.OpenOrCreate(path, ScenarioLoader.Parse(Scenario), time);
        SimulatorHost? host = null;
        try
        {
            async Task<SimulatorHost> Host()
            {
                if (host is not null && !restartBeforeEachCall)
                {
                    return host;
                }
                if (host is not null)
                {
                    // No clean shutdown matters: everything acknowledged is already in the file.
                    await host.DisposeAsync();
                    account = SimulatorStateFile.Open(path, time);
                }
                host = await SimulatorHost.StartAsync(account);
                return host;
            }

            async Task Call(string name, Func<AwsClientConfig, Task<string>> call)
            {
                var config = Config((await Host()).BaseUri);
                try
                {
                    transcript.Add($"{name}:{await call(config)}");
                }
                catch (AwsServiceException e)
                {
                    transcript.Add($"{name}:error {e.ErrorCode}");
                }
            }

            await Call("role", async c =>
            {
                using var iam = new AmazonIdentityManagementServiceClient(c);
                var role = await iam.CreateRoleAsync(new CreateRoleRequest
                {
                    RoleName = "sms-us-east-1_Checkout1",
                    Path = "/sms-onboarding/",
                    AssumeRolePolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
                    Tags = [new() { Key = "team", Value = "checkout" }],
                });
                await iam.PutRolePolicyAsync(new PutRolePolicyRequest
                {
                    RoleName = "sms-us-east-1_Checkout1",
                    PolicyName = "publish",
                    PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}""",
                });
                return role.Role!.RoleId!;
            });
            await Call("pool", async c =>
            {
                using var cognito = new AmazonCognitoIdentityProviderClient(c);
                var pool = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = "payments" })).UserPool!.Id!;
                await cognito.UpdateUserPoolAsync(new UpdateUserPoolRequest
                {
                    UserPoolId = "us-east-1_Checkout1",
                    SmsConfiguration = new SmsConfigurationType { SnsCallerArn = "arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1", SnsRegion = "us-east-1" },
                });
                return pool;
            });
            for (var i = 0; i < 4; i++)
            {
                await Call($"code-{i}", async c =>
                {
                    using var sns = new AmazonSimpleNotificationServiceClient(c);
                    await sns.CreateSMSSandboxPhoneNumberAsync(new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = "+12065550101" });
                    return Otp().Match(account.MessagesTo("+12065550101")[^1].Body).Value;
                });
            }
            await Call("verify", async c =>
            {
                using var sns = new AmazonSimpleNotificationServiceClient(c);
                var code = Otp().Match(account.MessagesTo("+12065550101")[^1].Body).Value;
                await sns.VerifySMSSandboxPhoneNumberAsync(new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = "+12065550101", OneTimePassword = code });
                return "verified";
            });
            await Call("spend-limit", async c =>
            {
                using var sns = new AmazonSimpleNotificationServiceClient(c);
                await sns.SetSMSAttributesAsync(new SetSMSAttributesRequest { Attributes = new() { ["MonthlySpendLimit"] = "1", ["DefaultSMSType"] = "Transactional" } });
                return "set";
            });
            await Call("topic", async c =>
            {
                // No typed client creates topics (the product only publishes): the aws CLI does.
                var created = (await new AwsCli(c.ServiceUrl!).RunAsync("sns", "create-topic", "--name", "sms-onboarding-reminders")).Succeeded();
                var arn = (string)created.Json["TopicArn"]!;
                using var sns = new AmazonSimpleNotificationServiceClient(c);
                await sns.PublishAsync(new PublishRequest { TopicArn = arn, Subject = "Reminder", Message = "A verification code is waiting." });
                return arn;
            });
            // Limit increases are filed in the Support Center (the Support API refuses them).
            await Call("case", _ => Task.FromResult(account.FileCaseInSupportCenter("Exit the SMS sandbox in us-east-1", "Move our account to production.").CaseId));
            await Call("quota", async c =>
            {
                using var quotas = new AmazonServiceQuotasClient(c);
                return (await quotas.RequestServiceQuotaIncreaseAsync(new RequestServiceQuotaIncreaseRequest { ServiceCode = "sns", QuotaCode = "L-SMS0SPND", DesiredValue = 250 })).RequestedQuota!.Id!;
            });
            await Call("registration", async c =>
            {
                using var sms = new AmazonPinpointSMSVoiceV2Client(c);
                var id = (await sms.CreateRegistrationAsync(new CreateRegistrationRequest { RegistrationType = "US_TEN_DLC_CAMPAIGN_REGISTRATION", ClientToken = "registration-1" })).RegistrationId!;
                await sms.PutRegistrationFieldValueAsync(new PutRegistrationFieldValueRequest { RegistrationId = id, FieldPath = "campaignInfo.useCase", SelectChoices = ["TWO_FACTOR_AUTHENTICATION"] });
                await sms.PutRegistrationFieldValueAsync(new PutRegistrationFieldValueRequest { RegistrationId = id, FieldPath = "campaignInfo.campaignDescription", TextValue = "Sign-in codes" });
                var attachment = (await sms.CreateRegistrationAttachmentAsync(new CreateRegistrationAttachmentRequest { AttachmentUrl = "s3://bucket/opt-in.png", ClientToken = "attachment-1" })).RegistrationAttachmentId!;
                await sms.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = id });
                return $"{id} {attachment}";
            });
            await Call("number", async c =>
            {
                using var sms = new AmazonPinpointSMSVoiceV2Client(c);
                var number = await sms.RequestPhoneNumberAsync(new RequestPhoneNumberRequest
                {
                    IsoCountryCode = "US",
                    MessageType = "TRANSACTIONAL",
                    NumberCapabilities = ["SMS"],
                    NumberType = "TOLL_FREE",
                    ClientToken = "number-1",
                });
                return $"{number.PhoneNumberId} {number.PhoneNumber}";
            });
            account.ReplaceScenario(account.Scenario with { SmsPriceUsd = 0.01m });
            time.Advance(TimeSpan.FromHours(60));
            await Call("sandbox-after-review", async c =>
            {
                using var sns = new AmazonSimpleNotificationServiceClient(c);
                return (await sns.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox?.ToString() ?? "unknown";
            });
            await Call("quota-after-review", async c =>
            {
                using var quotas = new AmazonServiceQuotasClient(c);
                var history = await quotas.ListRequestedServiceQuotaChangeHistoryByQuotaAsync(new ListRequestedServiceQuotaChangeHistoryByQuotaRequest { ServiceCode = "sns", QuotaCode = "L-SMS0SPND" });
                return history.RequestedQuotas!.Single().Status!;
            });
            await Call("cases-after-review", async c =>
            {
                using var support = new AmazonAWSSupportClient(c);
                var cases = await support.DescribeCasesAsync(new DescribeCasesRequest { IncludeResolvedCases = true, IncludeCommunications = true });
                return string.Join(",", cases.Cases!.Select(x => $"{x.CaseId}/{x.DisplayId}/{x.Status}/{x.RecentCommunications?.Communications?.Count}"));
            });
            for (var i = 0; i < 3; i++)
            {
                await Call($"publish-{i}", async c =>
                {
                    using var sns = new AmazonSimpleNotificationServiceClient(c);
                    return (await sns.PublishAsync(new PublishRequest { PhoneNumber = "+12065550102", Message = $"Your code is 42424{i}" })).MessageId is null ? "none" : "sent";
                });
            }
            await Call("second-case", _ => Task.FromResult(account.FileCaseInSupportCenter("SMS spend limit increase", "Region us-east-1, new limit value: 500").CaseId));
            transcript.Add("inbox:" + string.Join("|", account.MessagesTo("+12065550102").Select(m => $"{m.From}:{m.Body}:{m.SentAt.ToString("O", CultureInfo.InvariantCulture)}")));
            transcript.Add("deliveries:" + account.DeliveryLog().Count.ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
        return (transcript, File.ReadAllText(path));
    }

    // Topic message ids are random GUIDs (as on AWS), the one thing two runs cannot share.
    private static string WithoutTopicMessageIds(string file)
    {
        var saved = JsonNode.Parse(file)!;
        foreach (var message in saved["topics"]!.AsArray().SelectMany(t => t!["messages"]!.AsArray()))
        {
            message!.AsObject().Remove("messageId");
        }
        return saved.ToJsonString();
    }

    private static AwsClientConfig Config(Uri endpoint) => new()
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
