using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Serve.Simulation;

/// <summary>What the API may do to the simulated AWS account and its clock (absent with <c>--aws real</c>).</summary>
public interface ISimulatorControl
{
    IReadOnlyList<PhoneMessage> MessagesTo(string e164);

    /// <summary>Messages published to SNS topics of this name (any Region), oldest first.</summary>
    IReadOnlyList<TopicMessage> TopicMessages(string topicName);

    /// <summary>Phones that received at least one SMS attempt, most recent first.</summary>
    IReadOnlyList<string> Phones();

    /// <summary>Moves the skipping clock forward; false when the clock is wall time.</summary>
    bool TryAdvance(TimeSpan by);

    DateTimeOffset Now { get; }

    string ScenarioJson();

    /// <summary>
    /// A person filing a case on the Support Center's Create Case page, signed in to <paramref name="accountId"/> (the
    /// simulated account when null); null when that account is not one of the simulated organisation's.
    /// </summary>
    FiledCase? FileCaseInSupportCenter(string subject, string body, string? accountId = null);

    /// <summary>Replaces the scenario rules; throws ScenarioException with the offending field.</summary>
    void ReplaceScenario(string json);
}
