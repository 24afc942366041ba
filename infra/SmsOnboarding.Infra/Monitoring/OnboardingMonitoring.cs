using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using SmsOnboarding.Steps.Metrics;

namespace SmsOnboarding.Infra.Monitoring;

/// <summary>Alarms that mean "a person must look", all to one operator topic, and a dashboard of the same signals.</summary>
public sealed class OnboardingMonitoring : Construct
{
    /// <summary>
    /// Custom metric the steps emit (CloudWatch embedded metric format in the function log, so no
    /// cloudwatch:PutMetricData grant): value 1 each time a human task is re-registered after its reminder time.
    /// </summary>
    public const string MetricNamespace = StepMetrics.Namespace;
    public const string HumanTasksPastReminderMetric = StepMetrics.HumanTasksPastReminder;

    public Dashboard Dashboard { get; }

    public Topic AlarmTopic { get; }

    public IReadOnlyList<Alarm> Alarms { get; }

    public OnboardingMonitoring(Construct scope, string id, IStateMachine stateMachine, RestApi api, string? alarmEmail) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(api);

        // Unencrypted on purpose: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and alarm
        // notifications carry no personal data.
        AlarmTopic = new Topic(this, "AlarmTopic", new TopicProps { DisplayName = "SMS onboarding alarms" });
        if (alarmEmail is not null)
        {
            AlarmTopic.AddSubscription(new EmailSubscription(alarmEmail));
        }

        var failed = stateMachine.MetricFailed(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Sum" });
        var timedOut = stateMachine.MetricTimedOut(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Sum" });
        var pastReminder = new Metric(new MetricProps
        {
            Namespace = MetricNamespace,
            MetricName = HumanTasksPastReminderMetric,
            Period = Duration.Hours(1),
            Statistic = "Sum",
        });

        var remindersNotSent = new Metric(new MetricProps
        {
            Namespace = MetricNamespace,
            MetricName = StepMetrics.HumanRemindersNotSent,
            Period = Duration.Hours(1),
            Statistic = "Sum",
        });

        Alarms =
        [
            AnyOccurrence("ExecutionsFailed", failed, "An onboarding execution failed: see the execution's error and cause."),
            AnyOccurrence("ExecutionsTimedOut", timedOut, "An onboarding execution timed out."),
            AnyOccurrence("HumanTasksPastReminder", pastReminder, "A human task (OTP, support case) is still waiting after its reminder."),
            AnyOccurrence("HumanRemindersNotSent", remindersNotSent,
                "SNS refused a reminder for good (topic deleted, publish permission missing): the task waits but nobody was told."),
        ];

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DefaultInterval = Duration.Days(7),
            Widgets =
            [
                [
                    new GraphWidget(new GraphWidgetProps
                    {
                        Title = "Executions",
                        Width = 12,
                        Left =
                        [
                            stateMachine.MetricStarted(new MetricOptions { Statistic = "Sum" }),
                            stateMachine.MetricSucceeded(new MetricOptions { Statistic = "Sum" }),
                            failed,
                            timedOut,
                        ],
                    }),
                    new GraphWidget(new GraphWidgetProps { Title = "Human tasks past reminder", Width = 12, Left = [pastReminder, remindersNotSent] }),
                ],
                [
                    new GraphWidget(new GraphWidgetProps
                    {
                        Title = "API",
                        Width = 12,
                        Left = [api.MetricCount(new MetricOptions { Statistic = "Sum" }), api.MetricClientError(new MetricOptions { Statistic = "Sum" }), api.MetricServerError(new MetricOptions { Statistic = "Sum" })],
                        Right = [api.MetricLatency(new MetricOptions { Statistic = "p90" })],
                    }),
                    new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Width = 12, Alarms = Alarms.ToArray() }),
                ],
            ],
        });
    }

    private Alarm AnyOccurrence(string name, IMetric metric, string description)
    {
        var alarm = new Alarm(this, name, new AlarmProps
        {
            AlarmDescription = description,
            Metric = metric,
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(new SnsAction(AlarmTopic));
        return alarm;
    }
}
