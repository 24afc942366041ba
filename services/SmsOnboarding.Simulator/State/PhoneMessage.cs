namespace SmsOnboarding.Simulator.State;

/// <summary>An SMS that reached a simulated handset.</summary>
public sealed record PhoneMessage(string From, string Body, DateTimeOffset SentAt);

/// <summary>What happened to one SMS the account tried to send (for tests and the UI).</summary>
public sealed record SmsDelivery(string Region, string To, string From, bool Delivered, string StatusMessage, decimal PriceUsd, DateTimeOffset At);
