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
}
