using Amazon.CDK.Assertions;
using SmsOnboarding.Infra.Api;
using SmsOnboarding.Infra.Monitoring;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.Storage.DynamoDb;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

[Collection(CdkCollection.Name)]
public sealed class ServiceTemplateTests(SynthesizedStack synth)
{
    [Fact]
    public void Every_api_method_requires_iam_authorization_and_is_served_by_the_api_function()
    {
        var methods = synth.OfType("AWS::ApiGateway::Method").ToList();
        var apiFunction = synth.FunctionLogicalId(OnboardingApi.Handler);

        Assert.True(methods.Count >= 2, "root and {proxy+}");
        Assert.All(methods, m => Assert.Equal("AWS_IAM", m.Resource["Properties"]!["AuthorizationType"]!.GetValue<string>()));
        Assert.All(methods, m => Assert.Equal("AWS_PROXY", m.Resource["Properties"]!["Integration"]!["Type"]!.GetValue<string>()));
        Assert.All(methods, m => Assert.Contains(apiFunction, m.Resource["Properties"]!["Integration"]!["Uri"]!.ToJsonString(), StringComparison.Ordinal));
        synth.Template.HasResourceProperties("AWS::ApiGateway::Stage", new Dictionary<string, object> { ["TracingEnabled"] = true, ["StageName"] = OnboardingApi.StageName });
        synth.Template.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Handler"] = OnboardingApi.Handler,
            ["Runtime"] = "dotnet10",
            ["Architectures"] = new[] { "arm64" },
        });
    }

    [Fact]
    public void Table_has_point_in_time_recovery_encryption_ttl_and_the_pending_task_index()
    {
        synth.Template.ResourceCountIs("AWS::DynamoDB::Table", 1);
        synth.Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true },
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = OnboardingTableSchema.TimeToLiveAttribute, ["Enabled"] = true },
            ["KeySchema"] = new object[]
            {
                new Dictionary<string, object> { ["AttributeName"] = OnboardingTableSchema.PartitionKey, ["KeyType"] = "HASH" },
                new Dictionary<string, object> { ["AttributeName"] = OnboardingTableSchema.SortKey, ["KeyType"] = "RANGE" },
            },
            ["GlobalSecondaryIndexes"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object> { ["IndexName"] = OnboardingTableSchema.PendingTasksIndex })]),
        });
        synth.Template.HasResource("AWS::DynamoDB::Table", new Dictionary<string, object> { ["DeletionPolicy"] = "Retain" });
    }

    [Fact]
    public void Every_function_gets_the_table_name_steps_get_the_role_boundary_and_the_api_gets_the_state_machine()
    {
        foreach (var (_, function) in synth.OfType("AWS::Lambda::Function"))
        {
            var variables = function["Properties"]!["Environment"]!["Variables"]!;
            Assert.Equal("AWS::DynamoDB::Table", synth.Resources[Target(variables[OnboardingTableSchema.TableNameVariable])!]!["Type"]!.GetValue<string>());
        }

        var boundary = synth.OfType("AWS::IAM::ManagedPolicy").Single().LogicalId;
        foreach (var step in SmsOnboarding.Steps.StepCatalog.All)
        {
            var variables = synth.Resources[synth.StepFunctionLogicalId(step.Name)]!["Properties"]!["Environment"]!["Variables"]!;
            Assert.Equal(boundary, Target(variables[Infra.Workflow.OnboardingWorkflow.RoleBoundaryVariable]));
        }

        var api = synth.Resources[synth.FunctionLogicalId(OnboardingApi.Handler)]!["Properties"]!["Environment"]!["Variables"]!;
        Assert.Equal("AWS::StepFunctions::StateMachine", synth.Resources[Target(api[OnboardingApi.StateMachineVariable])!]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public void Api_may_read_the_definition_and_redrive_and_knows_its_principals()
    {
        var apiFunction = synth.Resources[synth.FunctionLogicalId(OnboardingApi.Handler)]!["Properties"]!;
        Assert.Equal("[]", apiFunction["Environment"]!["Variables"]![OnboardingApi.PrincipalsVariable]!.GetValue<string>());

        var apiRole = TemplateJson.Target(apiFunction["Role"])!;
        var actions = synth.OfType("AWS::IAM::Policy")
            .Where(p => p.Resource["Properties"]!["Roles"]!.AsArray().Any(r => TemplateJson.Target(r) == apiRole))
            .SelectMany(p => p.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .SelectMany(st => st!["Action"] is System.Text.Json.Nodes.JsonArray many ? many.Select(a => a!.GetValue<string>()) : [st["Action"]!.GetValue<string>()])
            .ToHashSet();
        Assert.Contains("states:DescribeStateMachine", actions);
        Assert.Contains("states:RedriveExecution", actions);
        Assert.Contains("states:StartExecution", actions);
    }

    [Fact]
    public void Reminder_topic_is_encrypted_and_subscribed_by_the_approvers()
    {
        var reminders = synth.OfType("AWS::SNS::Topic").Single(t => t.Resource["Properties"]!["KmsMasterKeyId"] is not null);

        synth.Template.HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object>
        {
            ["Protocol"] = "email",
            ["Endpoint"] = SynthesizedStack.ReminderEmail,
            ["TopicArn"] = new Dictionary<string, object> { ["Ref"] = reminders.LogicalId },
        });
    }

    [Fact]
    public void Alarms_watch_failed_and_timed_out_executions_tasks_past_reminder_and_reminders_not_sent_and_notify_operators()
    {
        var stateMachine = synth.OfType("AWS::StepFunctions::StateMachine").Single().LogicalId;
        var alarms = synth.OfType("AWS::CloudWatch::Alarm").Select(a => a.Resource["Properties"]!).ToList();

        Assert.Equal(4, alarms.Count);
        foreach (var metric in new[] { "ExecutionsFailed", "ExecutionsTimedOut" })
        {
            var alarm = Assert.Single(alarms, a => a["MetricName"]?.GetValue<string>() == metric);
            Assert.Equal("AWS/States", alarm["Namespace"]!.GetValue<string>());
            Assert.Equal(stateMachine, Target(alarm["Dimensions"]![0]!["Value"]));
        }

        var pastReminder = Assert.Single(alarms, a => a["MetricName"]?.GetValue<string>() == OnboardingMonitoring.HumanTasksPastReminderMetric);
        Assert.Equal(OnboardingMonitoring.MetricNamespace, pastReminder["Namespace"]!.GetValue<string>());
        var notSent = Assert.Single(alarms, a => a["MetricName"]?.GetValue<string>() == StepMetrics.HumanRemindersNotSent);
        Assert.Equal(OnboardingMonitoring.MetricNamespace, notSent["Namespace"]!.GetValue<string>());

        synth.Template.HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object> { ["Protocol"] = "email", ["Endpoint"] = SynthesizedStack.AlarmEmail });
        var alarmTopic = synth.OfType("AWS::SNS::Subscription")
            .Single(s => s.Resource["Properties"]!["Endpoint"]!.GetValue<string>() == SynthesizedStack.AlarmEmail).Resource["Properties"]!["TopicArn"];
        Assert.All(alarms, a => Assert.Equal(Target(alarmTopic), Target(a["AlarmActions"]![0])));
        Assert.All(alarms, a => Assert.Equal("notBreaching", a["TreatMissingData"]!.GetValue<string>()));
        synth.Template.ResourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }
}
