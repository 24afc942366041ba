using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>Run-time settings of an INLINE Map state resolved against its effective input (after InputPath).</summary>
public static class MapSettings
{
    /// <summary>The items to iterate: the array at ItemsPath (default "$"); States.Runtime when missing or not an array.</summary>
    public static JsonArray Items(MapState state, JsonNode? input, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var value = state.ItemsPath is null or "$"
            ? input?.DeepClone()
            : Paths.Resolve(state.ItemsPath, input, context, ErrorNames.Runtime, "ItemsPath");
        return value as JsonArray
            ?? throw new AslRuntimeException(ErrorNames.Runtime, $"Map state '{state.Name}': the ItemsPath '{state.ItemsPath ?? "$"}' must reference a JSON array, but was {JsonValues.TypeName(value)}.");
    }

    /// <summary>0 means unlimited.</summary>
    public static int MaxConcurrency(MapState state, JsonNode? input, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.MaxConcurrencyPath is null)
        {
            return state.MaxConcurrency;
        }

        var value = Paths.Resolve(state.MaxConcurrencyPath, input, context, ErrorNames.Runtime, "MaxConcurrencyPath");
        return JsonValues.TryGetInteger(value, out var n) && n >= 0 && n <= int.MaxValue
            ? (int)n
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The MaxConcurrencyPath field must reference a non-negative integer, but was {JsonPath.Describe(value)}");
    }

    public static double? ToleratedFailurePercentage(MapState state, JsonNode? input, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ToleratedFailurePercentagePath is null)
        {
            return state.ToleratedFailurePercentage;
        }

        var value = Paths.Resolve(state.ToleratedFailurePercentagePath, input, context, ErrorNames.Runtime, "ToleratedFailurePercentagePath");
        return JsonValues.TryGetDouble(value, out var p) && p >= 0 && p <= 100
            ? p
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The ToleratedFailurePercentagePath field must reference a number between 0 and 100, but was {JsonPath.Describe(value)}");
    }

    public static int? ToleratedFailureCount(MapState state, JsonNode? input, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ToleratedFailureCountPath is null)
        {
            return state.ToleratedFailureCount;
        }

        var value = Paths.Resolve(state.ToleratedFailureCountPath, input, context, ErrorNames.Runtime, "ToleratedFailureCountPath");
        return JsonValues.TryGetInteger(value, out var n) && n >= 0 && n <= int.MaxValue
            ? (int)n
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The ToleratedFailureCountPath field must reference a non-negative integer, but was {JsonPath.Describe(value)}");
    }

    /// <summary>
    /// True when <paramref name="failed"/> of <paramref name="total"/> item failures exceed what the state tolerates
    /// (then the Map fails with States.ExceedToleratedFailureThreshold). With no tolerance configured any failure exceeds it.
    /// </summary>
    public static bool ExceedsToleratedFailure(MapState state, JsonNode? input, int failed, int total, JsonNode? context = null)
    {
        if (failed <= 0)
        {
            return false;
        }

        var count = ToleratedFailureCount(state, input, context);
        var percentage = ToleratedFailurePercentage(state, input, context);
        if (count is null && percentage is null)
        {
            return true;
        }

        var overCount = count is { } c && failed > c;
        var overPercentage = percentage is { } p && total > 0 && failed * 100.0 / total > p;
        return overCount || overPercentage;
    }

    /// <summary>The context object for one item: a copy of <paramref name="context"/> with <c>Map.Item.Index</c> and <c>Map.Item.Value</c>.</summary>
    public static JsonObject ItemContext(JsonNode? context, JsonNode? item, int index)
    {
        var copy = context?.DeepClone() as JsonObject ?? new JsonObject();
        copy["Map"] = new JsonObject
        {
            ["Item"] = new JsonObject
            {
                ["Index"] = index,
                ["Value"] = item?.DeepClone(),
            },
        };
        return copy;
    }

    /// <summary>The input of the item processor for one item: ItemSelector (or legacy Parameters) when set, else the item itself.</summary>
    public static JsonNode? ItemInput(MapState state, JsonNode? effectiveInput, JsonNode? context, JsonNode? item, int index, Func<double>? random = null, Func<Guid>? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ItemSelector is null
            ? item?.DeepClone()
            : DataFlow.ApplyPayloadTemplate(state.ItemSelector, effectiveInput, ItemContext(context, item, index), random, uuid);
    }
}
