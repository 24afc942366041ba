using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Cases;

/// <summary>Everything a channel needs to open (or find) the case for one need.</summary>
public sealed record CaseRequest(CaseInput Input, string Reference, string Subject, string Body, DateTimeOffset Now);

/// <summary>
/// What a channel did with a case: opened it, handed it over with the reason (AWS refused, or the account offers
/// nothing that matches), or nothing because the channel does not serve this need at all.
/// </summary>
public sealed record CaseAttempt(CaseState? Opened, CaseHandover? HandedOver)
{
    public static readonly CaseAttempt NotForThisNeed = new(null, null);

    public static CaseAttempt Open(CaseState state) => new(state, null);

    public static CaseAttempt HandOver(string channel, string reason) => new(null, new CaseHandover(channel, reason));

    /// <summary>AWS refused: the code and message are kept so a person can see which channel said what.</summary>
    public static CaseAttempt Refused(string channel, string what, AwsServiceException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(null, new CaseHandover(channel, $"{what}: {e.ServiceName} answered {e.ErrorCode}: {e.Message}", e.ErrorCode));
    }
}

/// <summary>
/// One way to ask AWS people for something. A channel that AWS refuses (anything but throttling or a server error,
/// which stay transient and are retried) hands the case over, and the router tries the next one.
/// </summary>
public interface ICaseChannel
{
    string Name { get; }

    Task<CaseAttempt> TryOpenAsync(CaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>After an interrupted attempt: the case that attempt opened, if any (found by its reference).</summary>
    Task<CaseState?> TryRecoverAsync(CaseRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken = default);
}
