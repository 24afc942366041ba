using System.Text.Json.Nodes;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Domain.Tests.Requests;

internal static class SampleRequests
{
    public static JsonObject Valid() => new()
    {
        ["userPoolId"] = "us-east-1_Checkout1",
        ["countries"] = new JsonArray("US", "CA"),
        ["monthlySpendUsd"] = 250,
        ["messageType"] = "OneTimePassword",
        ["useCase"] = "One-time passwords for sign-in and account recovery.",
        ["websiteUrl"] = "https://checkout.example.com",
        ["optInProcess"] = "Customers add their number on the profile page.",
        ["sampleMessages"] = new JsonArray("Your code is {####}."),
        ["sandboxNumbers"] = new JsonArray("+1 206-555-0101", "+12065550102"),
        ["originationType"] = "TollFree",
        ["requester"] = "alice",
        ["approvers"] = new JsonArray("bob"),
        ["team"] = "checkout",
        ["registration"] = SampleRegistration.Json(),
    };

    public static JsonObject With(string field, JsonNode? value)
    {
        var json = Valid();
        json[field] = value;
        return json;
    }

    public static JsonObject Without(string field)
    {
        var json = Valid();
        json.Remove(field);
        return json;
    }
}
