using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Infra.Tests.Deployed;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Privacy;
using SmsOnboarding.Steps.Storage.DynamoDb;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

/// <summary>
/// The stack as synthesized, run locally (issue 11.7): the template's state machine on the embedded engine, each Task
/// through the Lambda entry point with its template environment and as its template role in the simulated account
/// (which judges the grants), human tasks and idempotency records in the template's table on moto.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed partial class DeployedShapeTests(SynthesizedStack synth, MotoDynamoDb moto) : IClassFixture<MotoDynamoDb>
{
    private const string PoolId = "us-east-1_Checkout1";

    [MotoFact]
    public async Task The_synthesized_stack_onboards_the_demo_pool_with_each_function_acting_as_its_template_role()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var stack = await DeployedStack.StartAsync(synth.Json, moto.Endpoint, timeout.Token);

        var (run, answered) = await RunAsync(stack, DemoRequest(), timeout.Token);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status}: {run.Error}: {run.Cause}");
        var pool = (await stack.Aws.Cognito("us-east-1").DescribeUserPoolAsync(new() { UserPoolId = PoolId }, timeout.Token)).UserPool!;
        Assert.Equal($"arn:aws:iam::{stack.Values.AccountId}:role/sms-onboarding/sms-{PoolId}", pool.SmsConfiguration!.SnsCallerArn);
        Assert.Equal("us-east-1", pool.SmsConfiguration.SnsRegion);
        Assert.False(string.IsNullOrEmpty(pool.SmsConfiguration.ExternalId));
        Assert.Equal(2, answered);
        // Both tasks were read from the table and each answer claimed its task there: none is left.
        Assert.Equal(0, await stack.CountItemsAsync(OnboardingTableSchema.TaskPrefix, timeout.Token));
        Assert.True(await stack.CountItemsAsync(OnboardingTableSchema.IdempotencyPrefix, timeout.Token) > 0, "No idempotency record reached the table.");
    }

    [MotoFact]
    public async Task An_action_taken_from_a_functions_role_policy_in_the_template_fails_the_run_with_access_denied_naming_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var function = synth.StepFunctionLogicalId(EnsureSmsRoleStep.Name);
        var template = WithoutAction(synth.Json, function, "iam:CreateRole");
        await using var stack = await DeployedStack.StartAsync(template, moto.Endpoint, timeout.Token);

        var (run, _) = await RunAsync(stack, DemoRequest(), timeout.Token);

        Assert.Equal("FAILED", run.Status);
        var role = stack.Values.PhysicalName(Target(stack.Values.Properties(function)["Role"])!);
        Assert.Contains($"assumed-role/{role}/{stack.Values.PhysicalName(function)}", run.Cause, StringComparison.Ordinal);
        Assert.Contains("not authorized to perform: iam:CreateRole", run.Cause, StringComparison.Ordinal);
    }

    private OnboardingRequest DemoRequest()
    {
        var result = OnboardingRequestValidator.Validate(File.ReadAllText(Path.Combine(synth.RepositoryRoot, "docs", "examples", "onboarding-request.json")));
        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(PoolId, result.Request!.UserPoolId);
        return result.Request;
    }

    /// <summary>
    /// Starts the execution as the API function does and drives it to its end: time skips while it waits on AWS, and the
    /// people type the codes the simulated phones received, through the table's inbox and SendTaskSuccess.
    /// </summary>
    private static async Task<(DescribeExecutionResponse Run, int Answered)> RunAsync(DeployedStack stack, OnboardingRequest request, CancellationToken cancellationToken)
    {
        var arn = (await stack.Engine.StartExecutionAsync(new StartExecutionRequest
        {
            StateMachineArn = stack.StateMachineArn,
            Name = request.RequestId,
            Input = OnboardingJson.Serialize(request),
        }, cancellationToken)).ExecutionArn!;
        var answered = 0;
        for (var round = 0; round < 200; round++)
        {
            await stack.Engine.RunUntilIdleAsync(cancellationToken);
            var run = await stack.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn }, cancellationToken);
            if (run.Status != "RUNNING")
            {
                return (run, answered);
            }

            var pending = await stack.Inbox.ListPendingAsync(arn, cancellationToken);
            if (pending.Count == 0)
            {
                // A task token is out but its task is not in the table yet: look again shortly.
                await Task.Delay(10, cancellationToken);
                continue;
            }
            foreach (var task in pending)
            {
                var outcome = await stack.HumanTasks.CompleteAsync(task.Id, Answer(stack, request, task), "bob", cancellationToken);
                Assert.True(outcome.Status == HumanTaskOutcomeStatus.Completed, outcome.Message);
                answered++;
            }
        }
        throw new InvalidOperationException("The onboarding did not finish.");
    }

    // The demo account leaves the sandbox and raises spend through Service Quotas: the only people needed type codes.
    private static JsonObject Answer(DeployedStack stack, OnboardingRequest request, HumanTask task)
    {
        if (task.Kind != HumanTaskKinds.VerificationCode)
        {
            throw new InvalidOperationException($"The demo scenario asked a person for {task.Kind} (task {task.Id}).");
        }
        var phone = request.SandboxNumbers.Single(n => PhoneDigest.Of(task.ExecutionArn, n) == task.Slot);
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
