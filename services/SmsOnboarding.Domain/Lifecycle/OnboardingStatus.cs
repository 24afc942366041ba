using System.Text.Json.Serialization;

namespace SmsOnboarding.Domain.Lifecycle;

/// <summary>Where an onboarding stands, as its requester sees it. Serialised in camelCase ("waitingOnAws").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OnboardingStatus>))]
public enum OnboardingStatus
{
    [JsonStringEnumMemberName("submitted")] Submitted,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("waitingOnAws")] WaitingOnAws,
    [JsonStringEnumMemberName("waitingOnPeople")] WaitingOnPeople,
    [JsonStringEnumMemberName("finalizing")] Finalizing,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public enum OnboardingTrigger
{
    Start,
    AwaitAws,
    AwaitPeople,
    Resume,
    Finalize,
    Complete,
    Fail,
    Cancel,
    Redrive,
}

public static class OnboardingStatusNames
{
    public static string ToWire(this OnboardingStatus status) =>
        char.ToLowerInvariant(status.ToString()[0]) + status.ToString()[1..];

    public static bool TryParse(string? wire, out OnboardingStatus status) =>
        Enum.TryParse(wire, ignoreCase: true, out status) && Enum.IsDefined(status) && !(wire ?? "").Any(char.IsDigit);

    public static bool IsTerminal(this OnboardingStatus status) =>
        status is OnboardingStatus.Completed or OnboardingStatus.Cancelled;

    /// <summary>
    /// Whether the onboarding is still working on its pool: only one may at a time, since two would race for the
    /// same role and pool settings. A failed one is not (it waits for a person), but its redrive must hold the pool again.
    /// </summary>
    public static bool HoldsPool(this OnboardingStatus status) =>
        !status.IsTerminal() && status != OnboardingStatus.Failed;

    /// <summary>The statuses for which <see cref="HoldsPool"/> is true, as stored (for queries).</summary>
    public static IReadOnlyList<OnboardingStatus> PoolHolding { get; } =
        [.. Enum.GetValues<OnboardingStatus>().Where(HoldsPool)];
}
