using System.Text.Json.Nodes;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.Steps.Tests.HumanTasks;

public sealed class HumanTaskServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("human-tasks-").FullName;
    private readonly SqliteHumanTaskInbox _inbox;
    private readonly RecordingCallbacks _callbacks = new();
    private readonly HumanTaskService _service;

    public HumanTaskServiceTests()
    {
        _inbox = new SqliteHumanTaskInbox(Path.Combine(_dir, "tasks.db"));
        _service = new HumanTaskService(_inbox, _callbacks);
    }

    [Fact]
    public async Task Code_that_is_not_5_to_8_digits_is_refused_and_the_task_stays_pending()
    {
        var task = await AddAsync("token-a", HumanTaskKinds.VerificationCode);

        foreach (var bad in new[] { "1234", "123456789", "12a456", "" })
        {
            var outcome = await _service.CompleteAsync(task.Id, new JsonObject { ["code"] = bad }, "alice");
            Assert.Equal(HumanTaskOutcomeStatus.Invalid, outcome.Status);
        }

        Assert.Empty(_callbacks.Calls);
        Assert.NotNull(await _inbox.FindAsync(task.Id));
    }

    [Fact]
    public async Task Valid_code_is_delivered_once_and_the_token_is_gone()
    {
        var task = await AddAsync("token-b", HumanTaskKinds.VerificationCode);

        var first = await _service.CompleteAsync(task.Id, new JsonObject { ["code"] = "123456" }, "alice");
        var second = await _service.CompleteAsync(task.Id, new JsonObject { ["code"] = "123456" }, "alice");

        Assert.Equal(HumanTaskOutcomeStatus.Completed, first.Status);
        Assert.Equal(HumanTaskOutcomeStatus.NotFound, second.Status);
        var call = Assert.Single(_callbacks.Calls);
        Assert.Equal("token-b", call.Token);
        Assert.Equal("123456", (string?)JsonNode.Parse(call.Output!)!["code"]);
        Assert.Equal("alice", (string?)JsonNode.Parse(call.Output!)!["actor"]);
        Assert.Empty(await _inbox.ListPendingAsync());
    }

    [Fact]
    public async Task Timed_out_task_is_reported_as_expired_not_as_an_error()
    {
        var task = await AddAsync("token-c", HumanTaskKinds.FileSupportCase);
        _callbacks.Next = CallbackResult.Expired;

        var outcome = await _service.CompleteAsync(task.Id, new JsonObject { ["caseId"] = "case-123" }, "bob");

        Assert.Equal(HumanTaskOutcomeStatus.Expired, outcome.Status);
        Assert.Null(await _inbox.FindAsync(task.Id));
    }

    [Fact]
    public async Task Unreachable_engine_leaves_the_task_pending_for_a_retry()
    {
        var task = await AddAsync("token-d", HumanTaskKinds.SupportCaseDecision);
        _callbacks.Next = CallbackResult.Transient;

        var outcome = await _service.CompleteAsync(task.Id, new JsonObject { ["approved"] = true }, "bob");

        Assert.Equal(HumanTaskOutcomeStatus.Unavailable, outcome.Status);
        Assert.NotNull(await _inbox.FindAsync(task.Id));
    }

    [Fact]
    public async Task Denied_decision_needs_a_note_and_reject_sends_a_failure_with_the_reason()
    {
        var task = await AddAsync("token-e", HumanTaskKinds.SupportCaseDecision);

        var noNote = await _service.CompleteAsync(task.Id, new JsonObject { ["approved"] = false }, "bob");
        var rejected = await _service.RejectAsync(task.Id, "wrong pool", "bob");

        Assert.Equal(HumanTaskOutcomeStatus.Invalid, noNote.Status);
        Assert.Equal(HumanTaskOutcomeStatus.Completed, rejected.Status);
        var call = Assert.Single(_callbacks.Calls);
        Assert.Equal((HumanTaskService.RejectedError, "Rejected by bob: wrong pool"), (call.Error, call.Cause));
    }

    [Theory]
    [InlineData(HumanTaskKinds.FileSupportCase, "caseId", "case-\u0000123")]
    [InlineData(HumanTaskKinds.FileSupportCase, "caseId", "case\n123")]
    [InlineData(HumanTaskKinds.SupportCaseDecision, "note", "denied \u202Eyes")]
    public async Task A_person_s_words_with_control_or_bidi_characters_are_refused_and_the_task_stays_pending(string kind, string field, string text)
    {
        var task = await AddAsync("token-" + field + text.Length, kind);
        var input = new JsonObject { [field] = text, ["approved"] = false };

        var outcome = await _service.CompleteAsync(task.Id, input, "bob");
        var rejected = await _service.RejectAsync(task.Id, "no \u001b[2J", "bob");

        Assert.Equal((HumanTaskOutcomeStatus.Invalid, HumanTaskOutcomeStatus.Invalid), (outcome.Status, rejected.Status));
        Assert.StartsWith(field + ": contains", Assert.Single(outcome.Problems), StringComparison.Ordinal);
        Assert.Empty(_callbacks.Calls);
        Assert.NotNull(await _inbox.FindAsync(task.Id));
    }

    [Theory]
    [InlineData("{}", "edits: give at least one answer to change")]
    [InlineData("""{"team":"payments"}""", "team: not an answer of the registration form")]
    [InlineData("""{"registration":"Example Inc."}""", "registration: must be an object")]
    public async Task Registration_edits_that_are_not_answers_of_the_form_are_refused_and_the_task_stays_pending(string edits, string problem)
    {
        var task = await AddAsync("token-edits-" + edits.Length, HumanTaskKinds.FixRegistration);

        var outcome = await _service.CompleteAsync(task.Id, JsonNode.Parse(edits)!.AsObject(), "bob");

        Assert.Equal(HumanTaskOutcomeStatus.Invalid, outcome.Status);
        Assert.StartsWith(problem, Assert.Single(outcome.Problems), StringComparison.Ordinal);
        Assert.Empty(_callbacks.Calls);
    }

    [Fact]
    public async Task Registration_edits_go_to_the_workflow_as_the_answer()
    {
        var task = await AddAsync("token-edits-ok", HumanTaskKinds.FixRegistration);
        var edits = new JsonObject { ["registration"] = new JsonObject { ["optInType"] = "TEXT" }, ["optInProcess"] = "Customers text JOIN to opt in and confirm." };

        var outcome = await _service.CompleteAsync(task.Id, edits, "bob");

        Assert.Equal(HumanTaskOutcomeStatus.Completed, outcome.Status);
        var answer = JsonNode.Parse(Assert.Single(_callbacks.Calls).Output!)!;
        Assert.Equal("TEXT", (string?)answer["edits"]!["registration"]!["optInType"]);
        Assert.Equal("bob", (string?)answer["actor"]);
    }

    [Fact]
    public async Task A_reminder_replaces_the_earlier_task_of_the_same_slot()
    {
        var first = await AddAsync("token-f", HumanTaskKinds.VerificationCode);
        var reminder = await AddAsync("token-g", HumanTaskKinds.VerificationCode, reminder: 1);

        var pending = await _inbox.ListPendingAsync();

        Assert.Equal(reminder.Id, Assert.Single(pending).Id);
        Assert.Equal(HumanTaskOutcomeStatus.NotFound, (await _service.CompleteAsync(first.Id, new JsonObject { ["code"] = "12345" }, "a")).Status);
    }

    private Task<HumanTask> AddAsync(string token, string kind, int reminder = 0)
    {
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        return _inbox.AddAsync(new HumanTask(TaskTokens.Id(token), kind, "arn:exec:1", "req-1", "+12065550101", "+1******0101", "Enter the code",
            now, now.AddDays(1), now.AddDays(8), reminder), token);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class RecordingCallbacks : IStepFunctionsCallbacks
    {
        public List<(string Token, string? Output, string? Error, string? Cause)> Calls { get; } = [];

        public CallbackResult Next { get; set; } = CallbackResult.Delivered;

        public Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default)
        {
            if (Next == CallbackResult.Delivered)
            {
                Calls.Add((taskToken, outputJson, null, null));
            }

            return Task.FromResult(Next);
        }

        public Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default)
        {
            Calls.Add((taskToken, null, error, cause));
            return Task.FromResult(Next);
        }
    }
}
