namespace SmsOnboarding.Simulator.State;

internal sealed class RegistrationVersion(int number, DateTimeOffset draftAt)
{
    public int Number { get; } = number;
    public DateTimeOffset DraftAt { get; } = draftAt;
    public DateTimeOffset? SubmittedAt { get; set; }
    public Scenarios.ReviewPolicy? Review { get; set; }
    public SortedDictionary<string, Dictionary<string, object>> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Status is a pure function of the submission time and the clock, so time jumps need no timers.</summary>
    public string Status(DateTimeOffset now)
    {
        if (SubmittedAt is not { } submitted || Review is null)
        {
            return "DRAFT";
        }
        var decision = submitted.AddHours(Review.DelayHours);
        if (now >= decision)
        {
            return Review.Approve ? "APPROVED" : "DENIED";
        }
        return now >= ReviewingAt ? "AWS_REVIEWING" : "SUBMITTED";
    }

    public DateTimeOffset? ReviewingAt => SubmittedAt?.AddHours(Math.Min(1, Review?.DelayHours ?? 0));
    public DateTimeOffset? DecidedAt => SubmittedAt?.AddHours(Review?.DelayHours ?? 0);
}

internal sealed class Registration
{
    public required string Region { get; init; }
    public required string RegistrationId { get; init; }
    public required string RegistrationType { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public Dictionary<string, string> Tags { get; init; } = [];
    public string? ClientToken { get; init; }
    public List<RegistrationVersion> Versions { get; } = [];

    /// <summary>The 10DLC brand a campaign or vetting registration is associated with.</summary>
    public string? BrandRegistrationId { get; set; }

    public string Arn(string accountId) => $"arn:aws:sms-voice:{Region}:{accountId}:registration/{RegistrationId}";

    public RegistrationVersion Current => Versions[^1];

    public string Status(DateTimeOffset now) => Current.Status(now) switch
    {
        "DRAFT" => Versions.Count == 1 ? "CREATED" : "REQUIRES_UPDATES",
        "SUBMITTED" => "SUBMITTED",
        "AWS_REVIEWING" => "AWS_REVIEWING",
        "APPROVED" => "COMPLETE",
        _ => "REQUIRES_UPDATES",
    };
}
