using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Steps.Tests.Storage.DynamoDb;

[Collection(MotoCollection.Name)]
public sealed class DynamoDbHumanTaskInboxTests(MotoServer moto)
{
    private const string Execution = "arn:aws:states:us-east-1:111122223333:execution:sm:run-1";
    private const string OtherExecution = "arn:aws:states:us-east-1:111122223333:execution:sm:run-2";
    private static readonly DateTimeOffset At = new(2026, 11, 29, 4, 0, 0, TimeSpan.Zero);

    private static HumanTask Task(string token, string execution = Execution, string slot = "+15555550100", int reminder = 0) => new(
        TaskTokens.Id(token), HumanTaskKinds.VerificationCode, execution, "onb-1", slot, "+1******0100",
        "Enter the code sent to +1******0100", At, At.AddDays(1), At.AddDays(7), reminder, Need: "otp");

    private async Task<(Amazon.DynamoDBv2.IAmazonDynamoDB Client, DynamoDbHumanTaskInbox Inbox)> InboxAsync()
    {
        var client = moto.Client();
        return (client, new DynamoDbHumanTaskInbox(client, await moto.CreateTableAsync(client)));
    }

    [MotoFact]
    public async Task Added_task_is_found_and_listed_with_every_field_intact()
    {
        var (client, inbox) = await InboxAsync();
        using var _ = client;
        var task = Task("token-1") with { CaseText = "Please raise the limit", CaseLink = "https://console.aws.amazon.com/support", CaseId = "case-9" };

        await inbox.AddAsync(task, "token-1");

        Assert.Equal(task, await inbox.FindAsync(task.Id));
        Assert.Equal([task], await inbox.ListPendingAsync());
    }

    [MotoFact]
    public async Task Re_registering_a_slot_replaces_the_earlier_task()
    {
        var (client, inbox) = await InboxAsync();
        using var _ = client;
        var first = Task("token-1");
        var reminder = Task("token-2", reminder: 1);

        await inbox.AddAsync(first, "token-1");
        await inbox.AddAsync(reminder, "token-2");

        Assert.Null(await inbox.FindAsync(first.Id));
        Assert.Equal([reminder], await inbox.ListPendingAsync(Execution));
        Assert.Null(await inbox.ClaimAsync(first.Id));
    }

    [MotoFact]
    public async Task Claim_hands_out_the_token_exactly_once_even_to_concurrent_callers()
    {
        var (client, inbox) = await InboxAsync();
        using var _ = client;
        var task = Task("token-1");
        await inbox.AddAsync(task, "token-1");

        var claims = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 6).Select(_ => inbox.ClaimAsync(task.Id)));

        var winner = Assert.Single(claims, c => c is not null);
        Assert.Equal("token-1", winner!.TaskToken);
        Assert.Equal(task, winner.Task);
        Assert.Null(await inbox.FindAsync(task.Id));
        Assert.Empty(await inbox.ListPendingAsync());
    }

    [MotoFact]
    public async Task Restored_task_can_be_claimed_again()
    {
        var (client, inbox) = await InboxAsync();
        using var _ = client;
        var task = Task("token-1");
        await inbox.AddAsync(task, "token-1");
        var claimed = await inbox.ClaimAsync(task.Id);

        await inbox.RestoreAsync(claimed!);

        Assert.Equal(task, await inbox.FindAsync(task.Id));
        Assert.Equal("token-1", (await inbox.ClaimAsync(task.Id))!.TaskToken);
    }

    [MotoFact]
    public async Task Restore_does_not_resurrect_a_task_whose_slot_was_re_registered_meanwhile()
    {
        var (client, inbox) = await InboxAsync();
        using var _ = client;
        var old = Task("token-1");
        await inbox.AddAsync(old, "token-1");
        var claimed = await inbox.ClaimAsync(old.Id);
        var newer = Task("token-2", reminder: 1);
        await inbox.AddAsync(newer, "token-2");

        await inbox.RestoreAsync(claimed!);

        Assert.Null(await inbox.FindAsync(old.Id));
        Assert.Equal([newer], await inbox.ListPendingAsync());
    }

    [MotoFact]
    public async Task Removing_an_execution_drops_only_its_tasks()
    {
        var (client, inbox) = await InboxAsync();
        using var _ = client;
        var a = Task("token-a", slot: "+15555550100");
        var b = Task("token-b", slot: "sandboxExit/file");
        var other = Task("token-c", execution: OtherExecution);
        foreach (var (task, token) in new[] { (a, "token-a"), (b, "token-b"), (other, "token-c") })
        {
            await inbox.AddAsync(task, token);
        }

        Assert.Equal(2, (await inbox.ListPendingAsync(Execution)).Count);
        Assert.Equal(2, await inbox.RemoveForExecutionAsync(Execution));

        Assert.Equal([other], await inbox.ListPendingAsync());
        Assert.Equal(0, await inbox.RemoveForExecutionAsync(Execution));
    }

    [MotoFact]
    public async Task Task_whose_id_is_not_its_token_hash_is_rejected_and_nothing_is_written()
    {
        var (client, inbox) = await InboxAsync();
        using var _ = client;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => inbox.AddAsync(Task("token-1"), "token-2"));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Empty(await inbox.ListPendingAsync());
    }
}
