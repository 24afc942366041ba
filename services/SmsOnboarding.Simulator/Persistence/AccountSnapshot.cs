using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Persistence;

/// <summary>
/// The file format of a saved simulated account (<c>simulator.json</c>): every state collection of
/// <see cref="SimulatedAccount"/>, the scenario in force and where its two seeded generators stand.
/// Plain records rather than the live state classes, so the format is explicit and a file written by another
/// version fails loudly (unknown or missing members) instead of silently losing state.
/// </summary>
internal sealed record AccountSnapshot(
    int Format,
    JsonNode Scenario,
    JsonNode CreatedFrom,
    RandomPosition Ids,
    RandomPosition Faults,
    IReadOnlyList<SmsRegionSnapshot> SmsRegions,
    IReadOnlyList<InboxSnapshot> Inboxes,
    IReadOnlyList<SmsDelivery> Deliveries,
    IReadOnlyList<OriginationNumberSnapshot> OriginationNumbers,
    IReadOnlyList<RegistrationSnapshot> Registrations,
    IReadOnlyList<AttachmentSnapshot> RegistrationAttachments,
    IReadOnlyList<SupportCaseSnapshot> Cases,
    IReadOnlyList<QuotaRequestSnapshot> QuotaRequests,
    IReadOnlyList<QuotaValueSnapshot> QuotaValues,
    IReadOnlyList<UserPoolSnapshot> UserPools,
    IReadOnlyList<IamRoleSnapshot> Roles,
    IReadOnlyList<SnsTopicSnapshot> Topics,
    IReadOnlyList<ManagedPolicy>? ManagedPolicies = null,
    IReadOnlyList<RoleSession>? Sessions = null,
    IReadOnlyList<MemberAccountSnapshot>? Members = null)
{
    public const int CurrentFormat = 1;
}

/// <summary>A member account of the organisation, saved whole inside the root's file (its scenario comes from the root's).</summary>
internal sealed record MemberAccountSnapshot(string AccountId, AccountSnapshot State);

internal sealed record RandomPosition(int Seed, long Draws);

internal sealed record SmsRegionSnapshot(
    string Region,
    bool InSandbox,
    decimal ApprovedSpendQuotaUsd,
    IReadOnlyList<SandboxNumberSnapshot> SandboxNumbers,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, decimal> SpentByMonth);

internal sealed record SandboxNumberSnapshot(
    string PhoneNumber,
    bool Verified,
    string? OneTimePassword,
    IReadOnlyList<DateTimeOffset> Sends,
    DateTimeOffset LastAttemptAt,
    DateTimeOffset? VerifiedAt);

internal sealed record InboxSnapshot(string PhoneNumber, IReadOnlyList<PhoneMessage> Messages);

internal sealed record OriginationNumberSnapshot(
    string Region,
    string PhoneNumberId,
    string PhoneNumber,
    string NumberType,
    string IsoCountryCode,
    string MessageType,
    IReadOnlyList<string> NumberCapabilities,
    DateTimeOffset CreatedAt,
    DateTimeOffset ActiveAt,
    string? RegistrationId,
    bool RequiresRegistration,
    bool DeletionProtectionEnabled,
    string? ClientToken,
    IReadOnlyDictionary<string, string> Tags);

internal sealed record RegistrationSnapshot(
    string Region,
    string RegistrationId,
    string RegistrationType,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken,
    IReadOnlyList<RegistrationVersionSnapshot> Versions,
    string? BrandRegistrationId = null);

/// <summary>A field value is a string (TextValue, RegistrationAttachmentId) or a string array (SelectChoices).</summary>
internal sealed record RegistrationVersionSnapshot(
    int Number,
    DateTimeOffset DraftAt,
    DateTimeOffset? SubmittedAt,
    ReviewPolicy? Review,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonNode>> Fields);

internal sealed record AttachmentSnapshot(string Region, string Id, DateTimeOffset CreatedAt);

internal sealed record SupportCaseSnapshot(
    string CaseId,
    string DisplayId,
    string Subject,
    string? ServiceCode,
    string? CategoryCode,
    string SeverityCode,
    string Language,
    string SubmittedBy,
    IReadOnlyList<string> CcEmailAddresses,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CaseRequest> Requests,
    ReviewPolicy Review,
    IReadOnlyList<bool> Approvals,
    string Status,
    IReadOnlyList<CaseCommunication> Communications,
    ScheduledCaseStep? Next,
    bool Decided,
    bool WaitingForCustomerInformation);

internal sealed record QuotaRequestSnapshot(
    string Id,
    string Region,
    QuotaDefinition Quota,
    double DesiredValue,
    DateTimeOffset Created,
    ReviewPolicy Review,
    double CaseOpenedAfterHours,
    string Status,
    DateTimeOffset LastUpdated,
    string? CaseId);

internal sealed record QuotaValueSnapshot(string Region, string QuotaCode, double Value);

internal sealed record UserPoolSnapshot(
    string Id,
    string Region,
    DateTimeOffset CreationDate,
    string Name,
    DateTimeOffset LastModifiedDate,
    JsonObject Settings,
    JsonObject Fixed,
    JsonObject MfaFactors,
    JsonObject? Users = null);

internal sealed record IamRoleSnapshot(
    string RoleName,
    string Path,
    string RoleId,
    DateTimeOffset CreateDate,
    string AssumeRolePolicyDocument,
    string? Description,
    int MaxSessionDuration,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyDictionary<string, string> InlinePolicies,
    string? PermissionsBoundaryArn = null,
    IReadOnlyList<string>? AttachedPolicyArns = null,
    PendingChange? TrustChange = null,
    IReadOnlyDictionary<string, PendingChange>? InlinePolicyChanges = null);

internal sealed record SnsTopicSnapshot(
    string Arn,
    string Region,
    string Name,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TopicMessage> Messages);
