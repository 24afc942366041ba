namespace SmsOnboarding.Simulator.State;

internal enum CaseRequestKind
{
    SandboxExit,
    SpendIncrease,
    OriginationIdentity,
    QuotaIncrease,
}

/// <summary>One thing a case asks AWS for (a console case can hold several requests).</summary>
internal sealed record CaseRequest(CaseRequestKind Kind, string Region, decimal? AmountUsd = null, string? NumberType = null, string IsoCountryCode = "US");

internal sealed record CaseCommunication(string Body, string SubmittedBy, DateTimeOffset TimeCreated);

internal enum CaseStep
{
    AskForInformation,
    Decide,
    FollowUp,
    AutoResolve,
}

internal sealed record ScheduledCaseStep(CaseStep Step, DateTimeOffset DueAt);

internal sealed class SupportCase
{
    public required string CaseId { get; init; }
    public required string DisplayId { get; init; }
    public required string Subject { get; init; }
    public string? ServiceCode { get; init; }
    public string? CategoryCode { get; init; }
    public required string SeverityCode { get; init; }
    public required string Language { get; init; }
    public required string SubmittedBy { get; init; }
    public IReadOnlyList<string> CcEmailAddresses { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<CaseRequest> Requests { get; init; }

    /// <summary>The review rules in force when the case was opened: a later scenario change does not rewrite it.</summary>
    public required Scenarios.ReviewPolicy Review { get; init; }

    /// <summary>AWS's decision for each entry of <see cref="Requests"/>, fixed when the case is opened.</summary>
    public IReadOnlyList<bool> Approvals { get; init; } = [];

    public string Status { get; set; } = "opened";
    public List<CaseCommunication> Communications { get; } = [];
    public ScheduledCaseStep? Next { get; set; }
    public bool Decided { get; set; }
    public bool WaitingForCustomerInformation { get; set; }
}
