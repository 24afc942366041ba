using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Cases;

/// <summary>Everything a channel needs to open (or find) the case for one need.</summary>
public sealed record CaseRequest(CaseInput Input, string Reference, string Subject, string Body, DateTimeOffset Now);

/// <summary>
/// One way to ask AWS people for something. A channel that cannot serve this account or need answers null
/// and the router tries the next one.
/// </summary>
public interface ICaseChannel
{
    string Name { get; }

    Task<CaseState?> TryOpenAsync(CaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>After an interrupted attempt: the case that attempt opened, if any (found by its reference).</summary>
    Task<CaseState?> TryRecoverAsync(CaseRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken = default);
}
