using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.Tests.Lambda;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.Reminders;

/// <summary>RegisterHumanTask against the simulated account's SNS topic over loopback, with the SQLite stores.</summary>
public sealed class ReminderNotificationTests : IAsyncLifetime
{
    private static readonly Uri Ui = new("https://onboard.example.com/");
    private readonly StringWriter _metrics = new();
    private SimulatedAws _aws = null!;
    private string _topicArn = null!;

    public async Task InitializeAsync()
    {
        _aws = await SimulatedAws.StartAsync();
        _topicArn = await ReminderTopic.CreateAsync(_aws.ClientConfig("us-east-1"));
    }

    public async Task DisposeAsync()
    {
        _metrics.Dispose();
        await _aws.DisposeAsync();
    }

    private IReadOnlyList<Simulator.State.TopicMessage> Published => _aws.Account.Topics.Messages(_topicArn);

    private RegisterHumanTaskHandler Handler(IReminderNotifier? notifier = null, IIdempotencyStore? store = null) =>
        new(_aws.Inbox, _aws.Clock, new EmbeddedMetricFormatMetrics(_metrics, _aws.Clock), store ?? _aws.Store,
            notifier ?? new SnsReminderNotifier(_aws.Clients, _topicArn), Ui);

    [Fact]
    public async Task Create_topic_is_idempotent_by_name_and_returns_the_arn_of_the_simulated_account()
    {
        Assert.Equal("arn:aws:sns:us-east-1:111122223333:sms-onboarding-reminders", _topicArn);
        Assert.Equal(_topicArn, await ReminderTopic.CreateAsync(_aws.ClientConfig("us-east-1")));
        Assert.Equal([_topicArn], _aws.Account.Topics.Arns());
    }

    [Fact]
    public async Task First_registration_sends_no_reminder()
    {
        var registered = await Handler().HandleAsync(LambdaPayloads.Register("token-0"));

        Assert.Null(registered.Reminder);
        Assert.Empty(Published);
        Assert.Single(await _aws.Inbox.ListPendingAsync(SimulatedAws.ExecutionArn));
    }

    [Fact]
    public async Task Each_reminder_number_is_published_once_across_retries_re_asks_and_a_new_host()
    {
        var first = await Handler().HandleAsync(LambdaPayloads.Register("token-1a", reminder: 1));
        var retried = await Handler().HandleAsync(LambdaPayloads.Register("token-1b", reminder: 1));
        _aws.Clock.Advance(TimeSpan.FromHours(1));
        var second = await Handler().HandleAsync(LambdaPayloads.Register("token-2a", reminder: 2));

        // A re-run after an engine restart: a new host over the same idempotency file.
        var restarted = new StepHost(_aws.Clients, new SqliteIdempotencyStore(Path.Combine(_aws.DataDir, "idempotency.db")), _aws.AccountWork, _aws.Inbox, _aws.Clock,
            reminders: new SnsReminderNotifier(_aws.Clients, _topicArn));
        var rerun = JsonNode.Parse(await restarted.InvokeAsync(RegisterHumanTaskStep.Name,
            System.Text.Json.JsonSerializer.Serialize(LambdaPayloads.Register("token-2b", reminder: 2), RegisterHumanTaskStep.Descriptor.Input)))!;

        Assert.Equal(2, Published.Count);
        Assert.Contains("reminder 1 of 3", Published[0].Subject, StringComparison.Ordinal);
        Assert.Contains("reminder 2 of 3", Published[1].Subject, StringComparison.Ordinal);
        Assert.Equal(ReminderOutcomes.Sent + Published[0].MessageId, first.Reminder);
        Assert.Equal(first.Reminder, retried.Reminder);
        Assert.Equal(ReminderOutcomes.Sent + Published[1].MessageId, second.Reminder);
        Assert.Equal(second.Reminder, (string?)rerun["reminder"]);
        var pending = Assert.Single(await _aws.Inbox.ListPendingAsync(SimulatedAws.ExecutionArn));
        Assert.Equal(TaskTokens.Id("token-2b"), pending.Id);
    }

    [Fact]
    public async Task Throttled_publish_keeps_the_task_fails_as_transient_and_the_retry_sends_the_reminder()
    {
        var calm = _aws.Account.Scenario;
        _aws.Account.ReplaceScenario(calm with { Faults = new FaultInjection { ThrottleRate = 1, Services = ["sns"] } });

        var throttled = await Assert.ThrowsAsync<StepException>(() => Handler().HandleAsync(LambdaPayloads.Register("token-1a", reminder: 1)));

        Assert.Equal(StepErrors.Transient, throttled.ErrorName);
        Assert.Empty(Published);
        var waiting = Assert.Single(await _aws.Inbox.ListPendingAsync(SimulatedAws.ExecutionArn));
        Assert.Equal((TaskTokens.Id("token-1a"), 1), (waiting.Id, waiting.Reminder));

        _aws.Account.ReplaceScenario(calm);
        var retried = await Handler().HandleAsync(LambdaPayloads.Register("token-1b", reminder: 1));

        var sent = Assert.Single(Published);
        Assert.Equal(ReminderOutcomes.Sent + sent.MessageId, retried.Reminder);
        Assert.Equal(TaskTokens.Id("token-1b"), Assert.Single(await _aws.Inbox.ListPendingAsync(SimulatedAws.ExecutionArn)).Id);
    }

    [Fact]
    public async Task Publish_refused_for_good_is_recorded_and_counted_and_the_task_still_waits()
    {
        var missing = new SnsReminderNotifier(_aws.Clients, "arn:aws:sns:us-east-1:111122223333:deleted-topic");

        var registered = await Handler(missing).HandleAsync(LambdaPayloads.Register("token-1", reminder: 1));
        var again = await Handler(missing).HandleAsync(LambdaPayloads.Register("token-1b", reminder: 1));

        Assert.StartsWith(ReminderOutcomes.Failed, registered.Reminder, StringComparison.Ordinal);
        Assert.Contains("NotFound", registered.Reminder, StringComparison.Ordinal);
        Assert.Equal(registered.Reminder, again.Reminder);
        Assert.Single(await _aws.Inbox.ListPendingAsync(SimulatedAws.ExecutionArn));
        var lines = _metrics.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Single(lines, l => l[StepMetrics.HumanRemindersNotSent] is not null);
    }

    [Fact]
    public async Task Without_a_topic_a_reminder_re_issues_the_task_and_reports_that_nobody_was_notified()
    {
        var registered = await Handler(NoReminderNotifier.Instance).HandleAsync(LambdaPayloads.Register("token-1", reminder: 1));

        Assert.Equal(ReminderOutcomes.NotConfigured, registered.Reminder);
        Assert.Equal(1, Assert.Single(await _aws.Inbox.ListPendingAsync(SimulatedAws.ExecutionArn)).Reminder);
        Assert.Empty(Published);
    }

    [Fact]
    public async Task Reminder_tells_a_person_what_to_do_for_which_onboarding_by_when_with_a_link_and_only_the_masked_phone()
    {
        var registeredAt = _aws.Clock.GetUtcNow();
        await Handler().HandleAsync(LambdaPayloads.Register("token-2", reminder: 2));

        var sent = Assert.Single(Published);
        Assert.Equal("SMS onboarding of us-east-1_Checkout1, reminder 2 of 3: enter the SMS code sent to +1******0100", sent.Subject);
        Assert.Equal(registeredAt, sent.PublishedAt);
        var body = sent.Message;
        Assert.Contains("Onboarding: req-1", body, StringComparison.Ordinal);
        Assert.Contains("us-east-1_Checkout1 (checkout) in us-east-1", body, StringComparison.Ordinal);
        Assert.Contains("Phone:      +1******0100", body, StringComparison.Ordinal);
        Assert.Contains("Enter the code AWS sent by SMS to +1******0100", body, StringComparison.Ordinal);
        Assert.DoesNotContain("2065550100", body, StringComparison.Ordinal);
        Assert.Contains("Requested by alice (checkout).", body, StringComparison.Ordinal);
        // Reminder 2 of 3 with 1 h intervals: the task expires after this interval and one more reminder.
        Assert.Contains($"If nobody answers by {registeredAt.AddHours(2):yyyy-MM-dd HH:mm} UTC", body, StringComparison.Ordinal);
        Assert.Contains($"Next reminder: {registeredAt.AddHours(1):yyyy-MM-dd HH:mm} UTC.", body, StringComparison.Ordinal);
        Assert.Contains("Open the onboarding: https://onboard.example.com/#/o/req-1", body, StringComparison.Ordinal);
    }
}
