using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Domain.Requests;
using MessageType = SmsOnboarding.Domain.Requests.MessageType;

namespace SmsOnboarding.Steps.Handlers;

/// <summary>Answers a registration form field from the onboarding request, matched by the field's path.</summary>
public static class RegistrationAnswers
{
    public static (string? Text, string? Choice) For(RegistrationFieldDefinition field, OnboardingRequest request)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(request);
        var path = field.FieldPath!.ToLowerInvariant();
        if (field.FieldType == "SELECT")
        {
            var options = field.SelectValidation?.Options ?? [];
            var wanted = path.Contains("usecase", StringComparison.Ordinal)
                ? request.MessageType switch
                {
                    MessageType.OneTimePassword => "TWO_FACTOR_AUTHENTICATION",
                    MessageType.Promotional => "MARKETING",
                    _ => "ACCOUNT_NOTIFICATION",
                }
                : null;
            return (null, wanted is not null && options.Contains(wanted) ? wanted : options.Count == 1 ? options[0] : null);
        }

        if (field.FieldType != "TEXT")
        {
            return (null, null);
        }

        if (path.Contains("sample", StringComparison.Ordinal))
        {
            var index = int.TryParse(new string(path.Where(char.IsDigit).ToArray()), out var n) ? n - 1 : 0;
            return (index >= 0 && index < request.SampleMessages.Count ? request.SampleMessages[index] : null, null);
        }

        var text = path switch
        {
            _ when path.Contains("website", StringComparison.Ordinal) || path.EndsWith("url", StringComparison.Ordinal) => request.WebsiteUrl,
            _ when path.Contains("optin", StringComparison.Ordinal) => request.OptInProcess,
            _ when path.Contains("description", StringComparison.Ordinal) || path.Contains("usecase", StringComparison.Ordinal) => request.UseCase,
            // The request carries no legal name; the site's host is what the opt-in flow shows customers.
            _ when path.Contains("companyname", StringComparison.Ordinal) => Uri.TryCreate(request.WebsiteUrl, UriKind.Absolute, out var uri) ? uri.Host : null,
            _ => null,
        };
        return (text, null);
    }
}
