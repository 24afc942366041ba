namespace SmsOnboarding.Simulator.State;

/// <summary>A phone number (or short code) leased by the account in one Region.</summary>
internal sealed class OriginationNumber
{
    public required string Region { get; init; }
    public required string PhoneNumberId { get; init; }
    public required string PhoneNumber { get; init; }
    public required string NumberType { get; init; }
    public required string IsoCountryCode { get; init; }
    public required string MessageType { get; init; }
    public required IReadOnlyList<string> NumberCapabilities { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ActiveAt { get; init; }
    public string? RegistrationId { get; set; }

    /// <summary>US toll-free and 10DLC numbers leased through the API send only once their registration is COMPLETE.</summary>
    public bool RequiresRegistration { get; init; }
    public bool DeletionProtectionEnabled { get; init; }
    public string? ClientToken { get; init; }
    public Dictionary<string, string> Tags { get; init; } = [];

    public string Arn(string accountId) => $"arn:aws:sms-voice:{Region}:{accountId}:phone-number/{PhoneNumberId}";

    public string Status(DateTimeOffset now) => now >= ActiveAt ? "ACTIVE" : "PENDING";

    public bool CanSend(SimulatedAccount account, DateTimeOffset now) =>
        Status(now) == "ACTIVE" &&
        (!RequiresRegistration || account.Registrations.Any(r => r.RegistrationId == RegistrationId && r.Status(now) == "COMPLETE"));

    public string MonthlyLeasingPrice => NumberType switch
    {
        "SHORT_CODE" => "995.00",
        "TOLL_FREE" => "2.00",
        "TEN_DLC" => "1.00",
        "SIMULATOR" => "0.00",
        _ => "1.00",
    };

    /// <summary>AWS sends from the most specific identity: short code, then 10DLC, then toll-free.</summary>
    public int Priority => NumberType switch
    {
        "SHORT_CODE" => 0,
        "TEN_DLC" => 1,
        "TOLL_FREE" => 2,
        _ => 3,
    };
}
