using Amazon.CDK;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using SmsOnboarding.Infra.Api;
using SmsOnboarding.Infra.Monitoring;
using SmsOnboarding.Infra.Storage;
using SmsOnboarding.Infra.Workflow;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.Infra;

public sealed class SmsOnboardingStack : Stack
{
    public const string DefaultName = "SmsOnboardingStack";

    public SmsOnboardingStack(Construct scope, string id, InfraOptions options, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(options);

        var table = new OnboardingTable(this, "Storage");

        // Reminders reach approvers by e-mail: AWS-managed KMS key, since nothing but our own functions publish.
        // Fixed name: StepCatalog grants RegisterHumanTask sns:Publish on exactly this topic by name.
        var reminders = new Topic(this, "ApproverReminders", new TopicProps
        {
            TopicName = ReminderTopic.Name,
            DisplayName = "SMS onboarding: tasks waiting for you",
            MasterKey = Amazon.CDK.AWS.KMS.Alias.FromAliasName(this, "SnsManagedKey", "alias/aws/sns"),
        });
        if (options.ReminderEmail is { } reminderEmail)
        {
            reminders.AddSubscription(new EmailSubscription(reminderEmail));
        }

        var workflow = new OnboardingWorkflow(this, "Workflow", options, table.Table, reminders);
        var api = new OnboardingApi(this, "Api", options, table.Table, workflow.StateMachine);
        _ = new ExecutionStatusUpdates(this, "StatusUpdates", options, table.Table, workflow.StateMachine);
        var monitoring = new OnboardingMonitoring(this, "Monitoring", workflow.StateMachine, api.RestApi, options.AlarmEmail);

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = api.RestApi.Url, Description = "Base URL for `smsonboard --api-url` (SigV4, service execute-api)" });
        _ = new CfnOutput(this, "StateMachineArn", new CfnOutputProps { Value = workflow.StateMachine.StateMachineArn });
        _ = new CfnOutput(this, "TableName", new CfnOutputProps { Value = table.Table.TableName });
        _ = new CfnOutput(this, "ReminderTopicArn", new CfnOutputProps { Value = reminders.TopicArn });
        _ = new CfnOutput(this, "DashboardName", new CfnOutputProps { Value = monitoring.Dashboard.DashboardName });
    }
}
