using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace SmsOnboarding.Steps.Storage.DynamoDb;

/// <summary>Attribute conversions; a missing required attribute is a corrupt item and says which.</summary>
internal static class Attributes
{
    public static AttributeValue Of(DateTimeOffset value) => new() { S = value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) };

    public static AttributeValue Epoch(DateTimeOffset value) => new() { N = value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Of(int value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static void SetOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = new AttributeValue { S = value };
        }
    }

    public static string String(Dictionary<string, AttributeValue> item, string name) =>
        OptionalString(item, name) ?? throw new InvalidDataException($"DynamoDB item {Describe(item)} has no string attribute '{name}'.");

    public static string? OptionalString(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is not null ? value.S : null;

    public static DateTimeOffset Time(Dictionary<string, AttributeValue> item, string name) =>
        DateTimeOffset.Parse(String(item, name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static int Int(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null
            ? int.Parse(value.N, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"DynamoDB item {Describe(item)} has no number attribute '{name}'.");

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(OnboardingTableSchema.PartitionKey, out var pk) ? pk.S ?? "?" : "?";
}
