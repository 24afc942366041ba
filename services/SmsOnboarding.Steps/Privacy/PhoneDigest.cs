using System.Security.Cryptography;
using System.Text;

namespace SmsOnboarding.Steps.Privacy;

/// <summary>
/// What the service's own stores keep of a phone number they only need to tell apart (a human task's slot, an
/// idempotency key): an HMAC-SHA256 keyed with the execution ARN. A plain hash of a number is no protection (there
/// are about 10^10 numbers per country code, hashed in minutes); the key makes every onboarding's digests its own,
/// so no table precomputed once, or built from another onboarding, reveals the number. The ARN is not a secret:
/// someone holding a store and the ARN can still try every number of one onboarding, which is why the inbox
/// shows only the masked number and the stores hold nothing more.
/// The clear number is needed again only to send or verify a code and to send the closing test message; those
/// steps read it from the execution's state (the request and the Map item), never from these stores.
/// </summary>
public static class PhoneDigest
{
    public static string Of(string executionArn, string phoneNumber)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        ArgumentNullException.ThrowIfNull(phoneNumber);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(executionArn), Encoding.UTF8.GetBytes(phoneNumber));
        return "phone-" + Convert.ToHexStringLower(mac)[..32];
    }
}
