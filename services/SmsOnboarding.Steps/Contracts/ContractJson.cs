using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SmsOnboarding.Steps.Contracts;

/// <summary>
/// The wire shape of every step payload (camelCase, enums as names, nulls omitted). Each step's
/// source-generated context is created with these options, and the shared parts that are read outside a step
/// (a person's answer, a case's state) get their type info here.
/// </summary>
public static class ContractJson
{
    private static readonly SharedContractJson Shared = new(NewOptions());

    public static JsonTypeInfo<HumanAnswer> HumanAnswer => Shared.HumanAnswer;

    public static JsonTypeInfo<CaseState> CaseState => Shared.CaseState;

    public static JsonSerializerOptions NewOptions() => new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}

[JsonSerializable(typeof(HumanAnswer))]
[JsonSerializable(typeof(CaseState))]
internal sealed partial class SharedContractJson : JsonSerializerContext;
