using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Serve.Simulation;

/// <summary>
/// The simulated account as the API sees it; <paramref name="advance"/> moves the shared skipping clock
/// (null when serve runs on wall time).
/// </summary>
public sealed class SimulatedAccountControl(SimulatedAccount account, Action<TimeSpan>? advance) : ISimulatorControl
{
    public SimulatedAccount Account => account;

    public DateTimeOffset Now => account.Time.GetUtcNow();

    public IReadOnlyList<PhoneMessage> MessagesTo(string e164) => account.MessagesTo(e164);

    public IReadOnlyList<TopicMessage> TopicMessages(string topicName) => account.Topics.MessagesByName(topicName);

    // Every account of the organisation sends; a handset is in none of them.
    public IReadOnlyList<string> Phones() =>
        account.Members.Values.Prepend(account).SelectMany(a => a.DeliveryLog()).OrderByDescending(d => d.At)
            .Select(d => d.To).Distinct(StringComparer.Ordinal).ToList();

    public bool TryAdvance(TimeSpan by)
    {
        if (advance is null)
        {
            return false;
        }
        advance(by);
        return true;
    }

    public FiledCase? FileCaseInSupportCenter(string subject, string body, string? accountId = null) =>
        (accountId is null ? account : account.AccountById(accountId))?.FileCaseInSupportCenter(subject, body);

    public string ScenarioJson() => ScenarioLoader.Serialize(account.Scenario);

    public void ReplaceScenario(string json) => account.ReplaceScenario(ScenarioLoader.Parse(json));
}
