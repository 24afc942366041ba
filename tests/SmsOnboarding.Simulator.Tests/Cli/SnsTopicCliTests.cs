using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

/// <summary>SNS topics through the real aws CLI: create, list, publish, and AWS's errors for bad requests.</summary>
public sealed class SnsTopicCliTests
{
    private const string Reminders = "arn:aws:sns:us-east-1:111122223333:sms-onboarding-reminders";

    [Fact]
    public async Task Topic_is_created_once_per_name_listed_per_region_and_keeps_what_is_published()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;

        var created = (await cli.RunAsync("sns", "create-topic", "--name", "sms-onboarding-reminders", "--attributes", "DisplayName=Reminders")).Succeeded().Json;
        Assert.Equal(Reminders, created["TopicArn"]!.GetValue<string>());
        var again = (await cli.RunAsync("sns", "create-topic", "--name", "sms-onboarding-reminders")).Succeeded().Json;
        Assert.Equal(Reminders, again["TopicArn"]!.GetValue<string>());
        (await cli.RunInRegionAsync("eu-west-1", "sns", "create-topic", "--name", "elsewhere")).Succeeded();

        var listed = (await cli.RunAsync("sns", "list-topics")).Succeeded().Json;
        Assert.Equal([Reminders], listed["Topics"]!.AsArray().Select(t => t!["TopicArn"]!.GetValue<string>()));

        var published = (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--subject", "Reminder 1 of 7", "--message", "Enter the code for us-east-1_Checkout1"))
            .Succeeded().Json;
        sim.Advance(TimeSpan.FromMinutes(5));
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--message", "second")).Succeeded();

        var messages = sim.Account.Topics.Messages(Reminders);
        Assert.Equal(2, messages.Count);
        Assert.Equal(published["MessageId"]!.GetValue<string>(), messages[0].MessageId);
        Assert.Equal(("Reminder 1 of 7", "Enter the code for us-east-1_Checkout1", TestSimulator.Start), (messages[0].Subject, messages[0].Message, messages[0].PublishedAt));
        Assert.Null(messages[1].Subject);
        Assert.Equal(TestSimulator.Start.AddMinutes(5), messages[1].PublishedAt);
        Assert.Equal(messages, sim.Account.Topics.MessagesByName("sms-onboarding-reminders"));
    }

    [Fact]
    public async Task Publishing_to_a_topic_that_does_not_exist_is_not_found()
    {
        await using var sim = await TestSimulator.StartAsync();

        (await sim.Cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--message", "hello")).FailedWith("NotFound");
        Assert.Empty(sim.Account.Topics.Messages(Reminders));
    }

    [Fact]
    public async Task Bad_subjects_messages_structures_and_arns_are_invalid_parameters_and_store_nothing()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;
        (await cli.RunAsync("sns", "create-topic", "--name", "sms-onboarding-reminders")).Succeeded();

        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--subject", new string('s', 99), "--message", "ok")).Succeeded();
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--subject", new string('s', 100), "--message", "x")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--subject", "two\nlines", "--message", "x")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--message", "")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--message", new string('m', 262_145))).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--message-structure", "json", "--message", "{\"email\":\"no default\"}")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--message-structure", "json", "--message", "{\"default\":\"for everyone\"}")).Succeeded();
        (await cli.RunAsync("sns", "publish", "--topic-arn", "sms-onboarding-reminders", "--message", "x")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--phone-number", "+12065550101", "--message", "x")).FailedWith("InvalidParameter");
        (await cli.RunInRegionAsync("eu-west-1", "sns", "publish", "--topic-arn", Reminders, "--message", "x")).FailedWith("InvalidParameter");

        Assert.Equal(2, sim.Account.Topics.Messages(Reminders).Count);
    }

    [Fact]
    public async Task Bad_topic_names_fifo_topics_and_changed_attributes_are_refused()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;

        (await cli.RunAsync("sns", "create-topic", "--name", "has space")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "create-topic", "--name", new string('n', 257))).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "create-topic", "--name", "orders.fifo", "--attributes", "FifoTopic=true")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "create-topic", "--name", "t", "--attributes", "Colour=blue")).FailedWith("InvalidParameter");
        (await cli.RunAsync("sns", "create-topic", "--name", "t", "--attributes", "DisplayName=One")).Succeeded();
        (await cli.RunAsync("sns", "create-topic", "--name", "t", "--attributes", "DisplayName=Two")).FailedWith("InvalidParameter");

        Assert.Equal(["arn:aws:sns:us-east-1:111122223333:t"], sim.Account.Topics.Arns());
    }

    [Fact]
    public async Task Throttled_publish_is_answered_like_aws_and_stores_nothing()
    {
        await using var sim = await TestSimulator.StartAsync();
        (await sim.Cli.RunAsync("sns", "create-topic", "--name", "sms-onboarding-reminders")).Succeeded();
        sim.Account.ReplaceScenario(new SimulatorScenario { Faults = new FaultInjection { ThrottleRate = 1, Services = ["sns"] } });

        (await sim.Cli.RunAsync("sns", "publish", "--topic-arn", Reminders, "--message", "x")).FailedWith("Throttled");

        Assert.Empty(sim.Account.Topics.Messages(Reminders));
    }
}
