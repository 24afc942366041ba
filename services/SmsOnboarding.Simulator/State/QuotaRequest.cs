namespace SmsOnboarding.Simulator.State;

internal sealed class QuotaRequest
{
    public required string Id { get; init; }
    public required string Region { get; init; }
    public required QuotaDefinition Quota { get; init; }
    public required double DesiredValue { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required Scenarios.ReviewPolicy Review { get; init; }
    public required double CaseOpenedAfterHours { get; init; }
    public string Status { get; set; } = "PENDING";
    public DateTimeOffset LastUpdated { get; set; }
    public string? CaseId { get; set; }

    public bool IsOpen => Status is "PENDING" or "CASE_OPENED";
}

internal sealed record QuotaDefinition(
    string ServiceCode, string ServiceName, string QuotaCode, string QuotaName, double DefaultValue, string Unit,
    bool Adjustable, bool GlobalQuota, string Description, bool IsSmsSpendQuota = false, bool IsSmsProductionAccess = false);
