using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Services.Iam;

/// <summary>Policy documents as IAM's API sees them: refused with MalformedPolicyDocument when written, parsed when evaluated.</summary>
internal static class IamDocuments
{
    public static Policy Validate(string document, PolicyKind kind)
    {
        try
        {
            return Policy.Parse(document, kind);
        }
        catch (PolicyFormatException e)
        {
            throw new AwsServiceException("MalformedPolicyDocument", e.Message);
        }
    }

    /// <summary>A stored document (seeded documents were never validated): one that does not parse grants nothing.</summary>
    public static Policy? TryParse(string document, PolicyKind kind)
    {
        try
        {
            return Policy.Parse(document, kind);
        }
        catch (PolicyFormatException)
        {
            return null;
        }
    }
}
