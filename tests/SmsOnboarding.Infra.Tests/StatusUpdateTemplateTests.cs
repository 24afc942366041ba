using System.Text.Json.Nodes;
using SmsOnboarding.Infra.Api;
using SmsOnboarding.Steps.Storage.DynamoDb;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

[Collection(CdkCollection.Name)]
public sealed class StatusUpdateTemplateTests(SynthesizedStack synth)
{
    [Fact]
    public void Status_changes_of_our_state_machine_only_reach_the_status_function()
    {
        var stateMachine = synth.OfType("AWS::StepFunctions::StateMachine").Single().LogicalId;
        var function = synth.FunctionLogicalId(ExecutionStatusUpdates.Handler);

        var rule = Assert.Single(synth.OfType("AWS::Events::Rule")).Resource["Properties"]!;
        var pattern = rule["EventPattern"]!;
        Assert.Equal([ExecutionStatusUpdates.EventSource], Strings(pattern["source"]));
        Assert.Equal([ExecutionStatusUpdates.EventDetailType], Strings(pattern["detail-type"]));
        Assert.Equal([stateMachine], Many(pattern["detail"]!["stateMachineArn"]).Select(Target));
        var target = Assert.Single(Many(rule["Targets"]));
        Assert.Equal(function, Target(target["Arn"]));
        Assert.NotNull(target["RetryPolicy"]);
        Assert.Equal(DeadLetterQueue(), Target(target["DeadLetterConfig"]!["Arn"]));
        // EventBridge may invoke the function for this rule alone.
        var permission = Assert.Single(synth.OfType("AWS::Lambda::Permission"), p => Target(p.Resource["Properties"]!["FunctionName"]) == function).Resource["Properties"]!;
        Assert.Equal("events.amazonaws.com", permission["Principal"]!.GetValue<string>());
        Assert.Equal(synth.OfType("AWS::Events::Rule").Single().LogicalId, Target(permission["SourceArn"]));
    }

    [Fact]
    public void A_failed_fold_is_retried_then_kept_in_the_dead_letter_queue()
    {
        var function = synth.FunctionLogicalId(ExecutionStatusUpdates.Handler);

        Assert.Equal(DeadLetterQueue(), Target(synth.Resources[function]!["Properties"]!["DeadLetterConfig"]!["TargetArn"]));
        var invoke = Assert.Single(synth.OfType("AWS::Lambda::EventInvokeConfig"), c => Target(c.Resource["Properties"]!["FunctionName"]) == function).Resource["Properties"]!;
        Assert.Equal(2, invoke["MaximumRetryAttempts"]!.GetValue<int>());
        var queue = synth.Resources[DeadLetterQueue()]!["Properties"]!;
        Assert.True(queue["SqsManagedSseEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void The_status_function_may_update_onboarding_records_and_read_our_histories_and_nothing_more()
    {
        var function = synth.Resources[synth.FunctionLogicalId(ExecutionStatusUpdates.Handler)]!["Properties"]!;
        var role = Target(function["Role"]);
        var table = synth.OfType("AWS::DynamoDB::Table").Single().LogicalId;
        var stateMachine = synth.OfType("AWS::StepFunctions::StateMachine").Single().LogicalId;
        var statements = synth.OfType("AWS::IAM::Policy")
            .Where(p => Many(p.Resource["Properties"]!["Roles"]).Any(r => Target(r) == role))
            .SelectMany(p => Many(p.Resource["Properties"]!["PolicyDocument"]!["Statement"]))
            .ToList();

        var actions = statements.SelectMany(s => Strings(s["Action"])).ToHashSet();
        Assert.Subset(new HashSet<string>
        {
            "dynamodb:GetItem", "dynamodb:UpdateItem", "states:GetExecutionHistory", "states:DescribeStateMachine",
            "sqs:SendMessage", "logs:CreateLogStream", "logs:PutLogEvents",
        }, actions);
        Assert.All(statements, s => Assert.Equal("Allow", s["Effect"]!.GetValue<string>()));
        Assert.All(statements, s => Assert.DoesNotContain("\"*\"", Many(s["Resource"]).Select(r => r.ToJsonString())));

        var dynamo = Assert.Single(statements, s => Strings(s["Action"]).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
        Assert.Equal([table], Many(dynamo["Resource"]).Select(Target));
        Assert.Equal([OnboardingTableSchema.OnboardingPrefix + "*"], Strings(dynamo["Condition"]!["ForAllValues:StringLike"]!["dynamodb:LeadingKeys"]));
        foreach (var states in statements.Where(s => Strings(s["Action"]).Any(a => a.StartsWith("states:", StringComparison.Ordinal))))
        {
            Assert.All(Many(states["Resource"]), r => Assert.Contains(stateMachine, r.ToJsonString(), StringComparison.Ordinal));
        }
    }

    private string DeadLetterQueue() => Assert.Single(synth.OfType("AWS::SQS::Queue")).LogicalId;
}
