using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace SmsOnboarding.EndToEnd.Tests.Replay;

/// <summary>
/// Reads a recorded payload with a contract's JSON type info the way the step's function does, and says what would be
/// lost: a member that does not convert, a required member that is absent, a recorded member the contract drops.
/// </summary>
public static class ContractCheck
{
    /// <summary>The members of <paramref name="payload"/> that do not survive a read and write through <paramref name="contract"/>.</summary>
    public static IReadOnlyList<string> Ignored(JsonNode payload, JsonTypeInfo contract) =>
        Compare(payload, RoundTrip(payload, contract), "$").Where(d => d.Lost).Select(d => d.Path).ToList();

    /// <summary>
    /// Everything that stops today's contract reading <paramref name="payload"/> without loss. Members listed in
    /// <paramref name="ignoredWhenRecorded"/> were already dropped by the contract that the payload was recorded under.
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonNode? payload, JsonTypeInfo contract, IReadOnlyCollection<string> ignoredWhenRecorded) =>
        Check(payload, contract, ignoredWhenRecorded);

    /// <summary>Only whether the payload converts and carries every required member (for payloads no contract wrote).</summary>
    public static IReadOnlyList<string> ReadProblems(JsonNode? payload, JsonTypeInfo contract) => Check(payload, contract, null);

    private static List<string> Check(JsonNode? payload, JsonTypeInfo contract, IReadOnlyCollection<string>? ignoredWhenRecorded)
    {
        if (Unreadable(payload, contract) is { } unreadable)
        {
            return [unreadable];
        }

        var problems = MissingRequired(payload, contract, "$").Select(path => $"required member {path} is absent from the recorded payload").ToList();
        if (ignoredWhenRecorded is not null)
        {
            foreach (var (path, lost, detail) in Compare(payload, RoundTrip(payload!, contract), "$"))
            {
                if (!lost)
                {
                    problems.Add($"member {path} {detail}");
                }
                else if (!ignoredWhenRecorded.Contains(path))
                {
                    problems.Add($"member {path} is recorded but today's contract drops it (renamed or removed?)");
                }
            }
        }

        return problems;
    }

    private static string? Unreadable(JsonNode? payload, JsonTypeInfo contract)
    {
        try
        {
            return payload.Deserialize(contract) is null ? "the payload reads as nothing" : null;
        }
        catch (JsonException e)
        {
            return $"member {e.Path ?? "$"} does not read: {e.Message}";
        }
    }

    private static JsonNode? RoundTrip(JsonNode payload, JsonTypeInfo contract) =>
        JsonSerializer.SerializeToNode(payload.Deserialize(contract), contract);

    /// <summary>
    /// A member is required when the contract cannot do without it: a C# <c>required</c> or [JsonRequired] member, or a
    /// constructor parameter that is neither nullable nor defaulted (System.Text.Json would silently default it).
    /// </summary>
    private static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false };

    private static IEnumerable<string> MissingRequired(JsonNode? node, JsonTypeInfo contract, string path)
    {
        switch (contract.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject json:
                foreach (var property in contract.Properties)
                {
                    var member = json.FirstOrDefault(m => string.Equals(m.Key, property.Name, StringComparison.OrdinalIgnoreCase)).Value;
                    var memberPath = $"{path}.{property.Name}";
                    if (member is null)
                    {
                        if (IsRequired(property))
                        {
                            yield return memberPath;
                        }

                        continue;
                    }

                    foreach (var missing in MissingRequired(member, InfoOf(contract, property.PropertyType), memberPath))
                    {
                        yield return missing;
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray items && contract.ElementType is { } element:
                for (var i = 0; i < items.Count; i++)
                {
                    foreach (var missing in MissingRequired(items[i], InfoOf(contract, element), $"{path}[{i}]"))
                    {
                        yield return missing;
                    }
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject entries && contract.ElementType is { } value:
                foreach (var (key, entry) in entries)
                {
                    foreach (var missing in MissingRequired(entry, InfoOf(contract, value), $"{path}.{key}"))
                    {
                        yield return missing;
                    }
                }

                break;
        }
    }

    private static JsonTypeInfo InfoOf(JsonTypeInfo owner, Type type) =>
        owner.Options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);

    /// <summary>Recorded members compared with today's reading of them; a recorded null and an absent member are the same.</summary>
    private static IEnumerable<(string Path, bool Lost, string Detail)> Compare(JsonNode? recorded, JsonNode? readBack, string path)
    {
        switch (recorded)
        {
            case null:
                yield break;
            case JsonObject members:
                if (readBack is not JsonObject readMembers)
                {
                    yield return (path, false, $"was an object and reads back as {Text(readBack)}");
                    yield break;
                }

                foreach (var (name, value) in members)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    var memberPath = $"{path}.{name}";
                    if (!readMembers.TryGetPropertyValue(name, out var readValue) || readValue is null)
                    {
                        yield return (memberPath, true, "is dropped");
                        continue;
                    }

                    foreach (var difference in Compare(value, readValue, memberPath))
                    {
                        yield return difference;
                    }
                }

                break;
            case JsonArray items:
                if (readBack is not JsonArray readItems || readItems.Count != items.Count)
                {
                    yield return (path, false, $"was {Text(recorded)} and reads back as {Text(readBack)}");
                    yield break;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    foreach (var difference in Compare(items[i], readItems[i], $"{path}[{i}]"))
                    {
                        yield return difference;
                    }
                }

                break;
            default:
                if (!SameValue(recorded, readBack))
                {
                    yield return (path, false, $"was {Text(recorded)} and reads back as {Text(readBack)}");
                }

                break;
        }
    }

    private static bool SameValue(JsonNode recorded, JsonNode? readBack)
    {
        if (readBack is not JsonValue read || recorded is not JsonValue value || value.GetValueKind() != read.GetValueKind())
        {
            return false;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<decimal>() == read.GetValue<decimal>(),
            JsonValueKind.String => value.GetValue<string>() == read.GetValue<string>() || SameInstant(value.GetValue<string>(), read.GetValue<string>()),
            _ => JsonNode.DeepEquals(value, read),
        };
    }

    // A timestamp written back in another ISO 8601 form (Z or +00:00, fractions) is the same value.
    private static bool SameInstant(string recorded, string readBack) =>
        DateTimeOffset.TryParse(recorded, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var a)
        && DateTimeOffset.TryParse(readBack, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var b)
        && a == b;

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
