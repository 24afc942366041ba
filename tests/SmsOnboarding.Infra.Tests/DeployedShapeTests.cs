using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Infra.Tests.Deployed;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.Finalize;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Privacy;
using SmsOnboarding.Steps.SendVerificationCode;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Testing;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

/// <summary>
/// The stack as synthesized, run locally (issue 11.7): the template's state machine on the embedded engine, each Task
/// through the Lambda entry point with its template environment and as its template role in the simulated account
/// (which judges the grants); requests, answers and status through the API and status functions' entry points; the
/// onboarding records, human tasks and idempotency records in the template's table on moto.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed partial class DeployedShapeTests(SynthesizedStack synth, MotoDynamoDb moto) : IClassFixture<MotoDynamoDb>
{
    private const string PoolId = "us-east-1_Checkout1";
    private const string AliceArn = "arn:aws:iam::111122223333:user/alice";
    private const string BobArn = "arn:aws:iam::111122223333:user/bob";

    // As a deployer maps callers to API users: -c apiPrincipals='[...]' (README, "Synthesize and deploy").
    private static readonly string Principals = $$"""
        [{"arn":"{{AliceArn}}","name":"alice","roles":["requester"]},{"arn":"{{BobArn}}","name":"bob","roles":["approver"]}]
        """;

    [MotoFact]
    public async Task The_synthesized_stack_onboards_the_demo_pool_with_each_function_acting_as_its_template_role()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = await DeployedStack.StartAsync(Template(), moto.Endpoint, timeout.Token);

        var (record, run, answered) = await RunAsync(stack, timeout.Token);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status}: {run.Error}: {run.Cause}");
        Assert.Equal("completed", (string?)record["status"]);
        var pool = (await stack.Aws.Cognito("us-east-1").DescribeUserPoolAsync(new() { UserPoolId = PoolId }, timeout.Token)).UserPool!;
        Assert.Equal($"arn:aws:iam::{stack.Values.AccountId}:role/sms-onboarding/sms-{PoolId}", pool.SmsConfiguration!.SnsCallerArn);
        // The run's output is what its last state, Onboarded, reports.
        Assert.Equal(pool.SmsConfiguration.SnsCallerArn, (string?)JsonNode.Parse(run.Output!)!["snsCallerArn"]);
        Assert.Equal("us-east-1", pool.SmsConfiguration.SnsRegion);
        Assert.False(string.IsNullOrEmpty(pool.SmsConfiguration.ExternalId));
        Assert.Equal(2, answered);
        // Both tasks were read from the table and each answer claimed its task there: none is left.
        Assert.Equal(0, await stack.CountItemsAsync(OnboardingTableSchema.TaskPrefix, timeout.Token));
        Assert.True(await stack.CountItemsAsync(OnboardingTableSchema.IdempotencyPrefix, timeout.Token) > 0, "No idempotency record reached the table.");
    }

    [MotoTheory]
    [InlineData(EnsureSmsRoleStep.Name, "iam:CreateRole")]
    [InlineData(SendVerificationCodeStep.Name, "sns:CreateSMSSandboxPhoneNumber")]
    [InlineData(FinalizeStep.Name, "cognito-idp:UpdateUserPool")]
    public async Task An_action_taken_from_a_functions_role_policy_in_the_template_fails_the_run_with_access_denied_naming_it(string step, string action)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var function = synth.StepFunctionLogicalId(step);
        await using var stack = await DeployedStack.StartAsync(WithoutAction(Template(), function, action), moto.Endpoint, timeout.Token);

        var (record, run, _) = await RunAsync(stack, timeout.Token);

        Assert.Equal("FAILED", run.Status);
        Assert.Equal("failed", (string?)record["status"]);
        var role = stack.Values.PhysicalName(Target(stack.Values.Properties(function)["Role"])!);
        Assert.Contains($"assumed-role/{role}/{stack.Values.PhysicalName(function)}", run.Cause, StringComparison.Ordinal);
        Assert.Contains($"not authorized to perform: {action}", run.Cause, StringComparison.Ordinal);
    }

    private JsonObject Template() => synth.TemplateWith(InfraOptions.ApiPrincipalsContext, Principals);

    /// <summary>
    /// Alice submits the README's example request to the API function; the run goes until it ends, time skipping while it
    /// waits on AWS; the status function gets the status changes; Bob types the codes the simulated phones received,
    /// through the API function (which answers the engine with SendTaskSuccess). Returns the onboarding as Alice then
    /// reads it, the execution, and how many answers were given.
    /// </summary>
    private async Task<(JsonNode Record, DescribeExecutionResponse Run, int Answered)> RunAsync(DeployedStack stack, CancellationToken cancellationToken)
    {
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(synth.RepositoryRoot, "docs", "examples", "onboarding-request.json")))!;
        Assert.Equal(PoolId, (string?)request["userPoolId"]);
        var (submitted, body) = await stack.CallApiAsync("POST", "/api/onboardings", AliceArn, request);
        Assert.True(submitted == 202, $"{submitted}: {body?.ToJsonString()}");
        var id = (string)body!["id"]!;
        var phones = OnboardingRequestValidator.Validate(request).Request!.SandboxNumbers;
        var answered = 0;
        for (var round = 0; round < 200; round++)
        {
            await stack.Engine.RunUntilIdleAsync(cancellationToken);
            await stack.DeliverStatusChangesAsync();
            var (_, record) = await stack.CallApiAsync("GET", "/api/onboardings/" + id, AliceArn);
            var executionArn = (string)record!["executionArn"]!;
            var run = await stack.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, cancellationToken);
            if (run.Status != "RUNNING")
            {
                // The run may have ended after the last delivery: the status function gets its end before Alice reads.
                await stack.DeliverStatusChangesAsync();
                (_, record) = await stack.CallApiAsync("GET", "/api/onboardings/" + id, AliceArn);
                return (record!, run, answered);
            }

            var pending = await stack.Inbox.ListPendingAsync(executionArn, cancellationToken);
            if (pending.Count == 0)
            {
                // A task token is out but its task is not in the table yet: look again shortly.
                await Task.Delay(10, cancellationToken);
                continue;
            }
            foreach (var task in pending)
            {
                var (completed, outcome) = await stack.CallApiAsync("POST", $"/api/tasks/{task.Id}/complete", BobArn, Answer(stack, phones, task));
                Assert.True(completed == 200, $"{completed}: {outcome?.ToJsonString()}");
                answered++;
            }
        }
        throw new InvalidOperationException("The onboarding did not finish.");
    }

    // The demo account leaves the sandbox and raises spend through Service Quotas: the only people needed type codes.
    private static JsonObject Answer(DeployedStack stack, IReadOnlyList<string> phones, HumanTask task)
    {
        if (task.Kind != HumanTaskKinds.VerificationCode)
        {
            throw new InvalidOperationException($"The demo scenario asked a person for {task.Kind} (task {task.Id}).");
        }
        var phone = phones.Single(n => PhoneDigest.Of(task.ExecutionArn, n) == task.Slot);
        var message = stack.Account.MessagesTo(phone).LastOrDefault() ?? throw new InvalidOperationException($"No SMS reached {phone}.");
        return new JsonObject { ["code"] = Otp().Match(message.Body).Value };
    }

    /// <summary>The template with <paramref name="action"/> taken out of every statement of the function's role policies.</summary>
    private static JsonObject WithoutAction(JsonObject template, string functionId, string action)
    {
        var copy = template.DeepClone().AsObject();
        var resources = copy["Resources"]!.AsObject();
        var role = Target(resources[functionId]!["Properties"]!["Role"]);
        var removed = 0;
        foreach (var policy in resources.Select(r => r.Value!).Where(r => r["Type"]!.GetValue<string>() == "AWS::IAM::Policy"
            && Many(r["Properties"]!["Roles"]).Any(n => Target(n) == role)))
        {
            var statements = policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
            foreach (var statement in statements.Where(s => Strings(s!["Action"]).Contains(action)).ToList())
            {
                var left = Strings(statement!["Action"]).Where(a => a != action).ToList();
                if (left.Count == 0)
                {
                    statements.Remove(statement);
                }
                else
                {
                    statement["Action"] = new JsonArray([.. left.Select(a => (JsonNode)a)]);
                }
                removed++;
            }
        }
        Assert.True(removed > 0, $"The template grants {functionId}'s role no {action}.");
        return copy;
    }

    [GeneratedRegex("[0-9]{5,8}")]
    private static partial Regex Otp();
}
