namespace SmsOnboarding.Simulator;

/// <summary>One IAM decision on one call, as CloudTrail records it: who (userIdentity.arn), what (the IAM action), and whether it was refused.</summary>
public sealed record TrailEvent(DateTimeOffset Time, string PrincipalArn, string Action, bool Allowed);

/// <summary>
/// The account's recent IAM decisions, like CloudTrail's event history (which records every management call with
/// the caller's identity, and AccessDenied as its errorCode). Kept in memory only and bounded, so a long-running
/// <c>serve</c> does not grow; LookupEvents is not served. What it is for: showing which grant each call used.
/// </summary>
public sealed partial class SimulatedAccount
{
    private const int TrailCapacity = 20_000;
    private readonly Queue<TrailEvent> _trail = new();

    /// <summary>The most recent decisions, oldest first.</summary>
    public IReadOnlyList<TrailEvent> Trail
    {
        get
        {
            lock (Gate)
            {
                return [.. _trail];
            }
        }
    }

    /// <summary>Records a decision (call with <see cref="Gate"/> held).</summary>
    internal void RecordDecision(string principalArn, string action, bool allowed)
    {
        if (_trail.Count == TrailCapacity)
        {
            _trail.Dequeue();
        }
        _trail.Enqueue(new TrailEvent(Now, principalArn, action, allowed));
    }
}
