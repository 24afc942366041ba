using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.HumanTasks;

public enum HumanTaskOutcomeStatus
{
    /// <summary>The workflow got the answer.</summary>
    Completed,

    /// <summary>The input was not acceptable; the task is still pending.</summary>
    Invalid,

    /// <summary>No pending task with that id (answered already, replaced by a reminder, or never existed).</summary>
    NotFound,

    /// <summary>The workflow no longer waits for it (timed out into a reminder, stopped): a normal outcome.</summary>
    Expired,

    /// <summary>The workflow engine could not be reached; the task is still pending, try again.</summary>
    Unavailable,
}

public sealed record HumanTaskOutcome(HumanTaskOutcomeStatus Status, string Message, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Status == HumanTaskOutcomeStatus.Completed;
}

/// <summary>
/// Completes or rejects a person's task: validates the input first (so a typo never burns the token), claims the
/// token atomically, then calls back the workflow. Used by the HTTP API, the CLI and the tests.
/// </summary>
public sealed partial class HumanTaskService(IHumanTaskInbox inbox, IStepFunctionsCallbacks callbacks)
{
    public const string RejectedError = "HumanTaskRejected";

    /// <summary>
    /// verificationCode: {"code":"123456"} (5–8 digits) or {"resend":true}; fileSupportCase: {"caseId":"..."};
    /// supportCaseDecision: {"approved":true|false,"note":"..."} (a note is required when not approved);
    /// fixRegistration: the answers to change, {"registration":{member:value,...},"useCase","optInProcess","sampleMessages"}.
    /// </summary>
    public async Task<HumanTaskOutcome> CompleteAsync(string id, JsonObject? input, string actor, CancellationToken cancellationToken = default)
    {
        var task = await inbox.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return NotFound(id);
        }

        var (answer, problems) = Validate(task.Kind, input, actor);
        if (answer is null)
        {
            return new HumanTaskOutcome(HumanTaskOutcomeStatus.Invalid, "The answer is not valid: " + string.Join("; ", problems), problems);
        }

        var output = JsonSerializer.Serialize(answer, ContractJson.HumanAnswer);
        return await DeliverAsync(id, token => callbacks.SendTaskSuccessAsync(token, output, cancellationToken), "completed", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the workflow's wait with error HumanTaskRejected and the reason as the cause.</summary>
    public async Task<HumanTaskOutcome> RejectAsync(string id, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new HumanTaskOutcome(HumanTaskOutcomeStatus.Invalid, "A reason is required to reject a task.", ["reason: required"]);
        }

        if (Unprintable("reason", reason, multiline: true) is { } problem)
        {
            return new HumanTaskOutcome(HumanTaskOutcomeStatus.Invalid, "The reason is not valid: " + problem, [problem]);
        }

        var cause = $"Rejected by {actor}: {reason.Trim()}";
        return await DeliverAsync(id, token => callbacks.SendTaskFailureAsync(token, RejectedError, cause, cancellationToken), "rejected", cancellationToken).ConfigureAwait(false);
    }

    public static (HumanAnswer? Answer, IReadOnlyList<string> Problems) Validate(string kind, JsonObject? input, string actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            return (null, ["actor: required"]);
        }

        input ??= [];
        switch (kind)
        {
            case HumanTaskKinds.VerificationCode:
                if (Bool(input, "resend") == true)
                {
                    return (new HumanAnswer(Resend: true, Actor: actor), []);
                }

                var code = Text(input, "code")?.Trim();
                return code is not null && OtpPattern().IsMatch(code)
                    ? (new HumanAnswer(Code: code, Actor: actor), [])
                    : (null, ["code: must be the 5 to 8 digits from the SMS (or ask for a resend)"]);
            case HumanTaskKinds.FileSupportCase:
                var caseId = Text(input, "caseId")?.Trim();
                if (string.IsNullOrEmpty(caseId) || caseId.Length > 200)
                {
                    return (null, ["caseId: required, the id the Support Center shows for the case you filed"]);
                }

                return Unprintable("caseId", caseId, multiline: false) is { } badCase
                    ? (null, [badCase])
                    : (new HumanAnswer(CaseId: caseId, Actor: actor), []);
            case HumanTaskKinds.SupportCaseDecision:
                var approved = Bool(input, "approved");
                var note = Text(input, "note")?.Trim();
                if (approved is null)
                {
                    return (null, ["approved: required, true or false"]);
                }

                if (approved == false && string.IsNullOrEmpty(note))
                {
                    return (null, ["note: required when AWS did not approve; paste AWS's reason"]);
                }

                return note is not null && Unprintable("note", note, multiline: true) is { } badNote
                    ? (null, [badNote])
                    : (new HumanAnswer(Approved: approved, Note: note, Actor: actor), []);
            case HumanTaskKinds.FixRegistration:
                return RegistrationEdits.Shape(input) is { } badEdit
                    ? (null, [badEdit])
                    : (new HumanAnswer(Edits: (JsonObject)input.DeepClone(), Actor: actor), []);
            default:
                return (null, [$"kind: unknown task kind '{kind}'"]);
        }
    }

    private async Task<HumanTaskOutcome> DeliverAsync(string id, Func<string, Task<CallbackResult>> send, string verb, CancellationToken cancellationToken)
    {
        var claimed = await inbox.ClaimAsync(id, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return NotFound(id);
        }

        var result = await send(claimed.TaskToken).ConfigureAwait(false);
        switch (result)
        {
            case CallbackResult.Delivered:
                return new HumanTaskOutcome(HumanTaskOutcomeStatus.Completed, $"Task {verb}.", []);
            case CallbackResult.Expired:
                return new HumanTaskOutcome(HumanTaskOutcomeStatus.Expired,
                    "The workflow no longer waits for this task (it timed out and was re-issued, or the onboarding stopped). Check the task list.", []);
            default:
                await inbox.RestoreAsync(claimed, cancellationToken).ConfigureAwait(false);
                return new HumanTaskOutcome(HumanTaskOutcomeStatus.Unavailable, "The workflow engine did not answer; the task is still pending, try again.", []);
        }
    }

    private static HumanTaskOutcome NotFound(string id) =>
        new(HumanTaskOutcomeStatus.NotFound, $"No pending task '{id}'. It was answered already or replaced by a reminder.", []);

    // A person's words go into the execution history, case texts and the UI: the request's own rule for free text.
    private static string? Unprintable(string name, string text, bool multiline) =>
        TextCharacters.FirstForbidden(text, multiline) is { } bad ? $"{name}: contains {bad}; use plain printable text" : null;

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : o[name] is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.ToJsonString() : null;

    private static bool? Bool(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    [GeneratedRegex("^[0-9]{5,8}$")]
    private static partial Regex OtpPattern();
}
