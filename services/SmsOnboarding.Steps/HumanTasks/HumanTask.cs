namespace SmsOnboarding.Steps.HumanTasks;

public static class HumanTaskKinds
{
    public const string VerificationCode = "verificationCode";
    public const string FileSupportCase = "fileSupportCase";
    public const string SupportCaseDecision = "supportCaseDecision";
    public const string FixRegistration = "fixRegistration";

    public static bool IsKnown(string kind) => kind is VerificationCode or FileSupportCase or SupportCaseDecision or FixRegistration;
}

/// <summary>
/// A task a person must do. <see cref="Id"/> is the SHA-256 of the task token: safe to show and put in links;
/// the token itself never leaves the store. <see cref="Slot"/> (a phone number's PhoneDigest, "sandboxExit/file") is
/// unique per execution: a reminder re-registers the slot with a new token and replaces the old entry.
/// </summary>
public sealed record HumanTask(
    string Id,
    string Kind,
    string ExecutionArn,
    string OnboardingId,
    string Slot,
    string? MaskedPhoneNumber,
    string Prompt,
    DateTimeOffset CreatedAt,
    DateTimeOffset RemindAt,
    DateTimeOffset ExpiresAt,
    int Reminder,
    string? Need = null,
    string? CaseText = null,
    string? CaseLink = null,
    string? CaseId = null);

/// <summary>A pending task and its raw token, only for the code that sends the callback.</summary>
public sealed record ClaimedHumanTask(HumanTask Task, string TaskToken);
