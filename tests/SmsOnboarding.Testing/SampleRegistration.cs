using System.Text.Json.Nodes;

namespace SmsOnboarding.Testing;

/// <summary>A complete, valid <c>registration</c> section of an onboarding request (a US company, a 1x1 PNG screenshot).</summary>
public static class SampleRegistration
{
    public const string ScreenshotDataUrl = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC";

    /// <summary><paramref name="vertical"/> is the 10DLC industry; null leaves it out, as a toll-free request may.</summary>
    public static JsonObject Json(string? vertical = "RETAIL")
    {
        var json = new JsonObject
        {
            ["companyName"] = "Example Checkout Inc.",
            ["businessType"] = "PRIVATE_PROFIT",
            ["taxId"] = "12-3456789",
            ["street"] = "100 Main Street",
            ["city"] = "Seattle",
            ["state"] = "WA",
            ["postalCode"] = "98101",
            ["country"] = "US",
            ["contactFirstName"] = "Casey",
            ["contactLastName"] = "Jones",
            ["supportEmail"] = "support@checkout.example.com",
            ["supportPhone"] = "+12065550100",
            ["monthlyVolume"] = "10,000",
            ["optInType"] = "DIGITAL_FORM",
            ["optInScreenshot"] = ScreenshotDataUrl,
            ["privacyPolicyUrl"] = "https://checkout.example.com/privacy",
            ["termsUrl"] = "https://checkout.example.com/terms",
        };
        if (vertical is not null)
        {
            json["vertical"] = vertical;
        }
        return json;
    }
}
