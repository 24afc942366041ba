using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// Builds the definition model and collects every problem Step Functions reports at CreateStateMachine
/// (codes and wording modelled on its InvalidDefinition messages), with JSON pointers.
/// </summary>
internal sealed partial class DefinitionParser
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    private readonly List<DefinitionProblem> _problems = [];
    private readonly Dictionary<string, string> _allStateNames = new(StringComparer.Ordinal);

    public static StateMachineDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: JsonOptions);
        }
        catch (JsonException e)
        {
            throw new AslDefinitionException([new DefinitionProblem("", null, $"INVALID_JSON_DESCRIPTION: {e.Message} at /")]);
        }

        return node is JsonObject obj
            ? Parse(obj)
            : throw new AslDefinitionException([new DefinitionProblem("", null, "INVALID_JSON_DESCRIPTION: The definition must be a JSON object at /")]);
    }

    public static StateMachineDefinition Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parser = new DefinitionParser();
        var definition = parser.ParseMachine(json, "", ownerState: null, MachineKind.Top);
        return parser._problems.Count == 0 && definition is not null
            ? definition
            : throw new AslDefinitionException(parser._problems.ToArray());
    }

    private enum MachineKind
    {
        Top,
        Branch,
        ItemProcessor,
    }

    private static readonly HashSet<string> TopFields = ["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"];
    private static readonly HashSet<string> BranchFields = ["Comment", "StartAt", "States", "QueryLanguage"];
    private static readonly HashSet<string> ProcessorFields = ["Comment", "StartAt", "States", "QueryLanguage", "ProcessorConfig"];

    private StateMachineDefinition? ParseMachine(JsonObject obj, string pointer, string? ownerState, MachineKind kind)
    {
        var allowed = kind switch
        {
            MachineKind.Top => TopFields,
            MachineKind.Branch => BranchFields,
            _ => ProcessorFields,
        };
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key))
            {
                Problem(pointer, ownerState, "SCHEMA_VALIDATION_FAILED", $"The field '{key}' is not supported by Step Functions");
            }
        }

        CheckQueryLanguage(obj, pointer, ownerState);
        var comment = OptionalString(obj, "Comment", pointer, ownerState);
        int? timeout = null;
        if (kind == MachineKind.Top)
        {
            timeout = OptionalInteger(obj, "TimeoutSeconds", pointer, ownerState, min: 1, max: DefinitionLimits.MaxTimeoutSeconds) is { } t ? (int)t : null;
            if (obj.TryGetPropertyValue("Version", out var version) && !JsonValues.TryGetString(version, out _))
            {
                Problem(pointer + "/Version", ownerState, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Version' must be a STRING");
            }
        }

        if (kind == MachineKind.ItemProcessor)
        {
            CheckProcessorConfig(obj, pointer, ownerState);
        }

        var startAt = OptionalString(obj, "StartAt", pointer, ownerState);
        if (!obj.ContainsKey("StartAt"))
        {
            Problem(pointer, ownerState, "SCHEMA_VALIDATION_FAILED", "These fields are required: [StartAt]");
        }

        if (!obj.TryGetPropertyValue("States", out var statesNode) || statesNode is not JsonObject statesObj)
        {
            Problem(pointer + (obj.ContainsKey("States") ? "/States" : ""), ownerState, "SCHEMA_VALIDATION_FAILED",
                obj.ContainsKey("States") ? "The value for the field 'States' must be an OBJECT" : "These fields are required: [States]");
            return null;
        }

        if (statesObj.Count == 0)
        {
            Problem(pointer + "/States", ownerState, "SCHEMA_VALIDATION_FAILED", "The field 'States' must contain at least one state");
        }

        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, stateNode) in statesObj)
        {
            var statePointer = pointer + "/States/" + Escape(name);
            CheckStateName(name, statePointer);
            if (stateNode is not JsonObject stateObj)
            {
                Problem(statePointer, name, "SCHEMA_VALIDATION_FAILED", "A state must be a JSON object");
                continue;
            }

            var state = ParseState(name, stateObj, statePointer);
            if (state is not null)
            {
                states[name] = state;
                order.Add(name);
            }
        }

        if (startAt is not null && statesObj.Count > 0 && !statesObj.ContainsKey(startAt))
        {
            Problem(pointer + "/StartAt", ownerState, "MISSING_TRANSITION_TARGET", $"Missing 'Next' target: {startAt}");
        }

        CheckTransitions(statesObj, pointer);
        if (startAt is not null && statesObj.ContainsKey(startAt))
        {
            CheckReachability(startAt, statesObj, pointer);
        }

        if (startAt is null || states.Count != statesObj.Count)
        {
            return null;
        }

        return new StateMachineDefinition(startAt, comment, timeout, order.ToDictionary(n => n, n => states[n], StringComparer.Ordinal));
    }

    private void CheckStateName(string name, string pointer)
    {
        if (name.Length == 0)
        {
            Problem(pointer, name, "SCHEMA_VALIDATION_FAILED", "State names must not be empty");
        }

        if (name.Length > DefinitionLimits.MaxStateNameLength)
        {
            Problem(pointer, name, "SCHEMA_VALIDATION_FAILED", $"The state name '{name}' is {name.Length} characters long; the maximum is {DefinitionLimits.MaxStateNameLength}");
        }

        // State names are unique across the whole definition, branches and item processors included.
        if (!_allStateNames.TryAdd(name, pointer))
        {
            Problem(pointer, name, "DUPLICATE_STATE_NAME", $"Duplicate State name: {name}");
        }
    }

    private void CheckQueryLanguage(JsonObject obj, string pointer, string? stateName)
    {
        if (!obj.TryGetPropertyValue("QueryLanguage", out var language))
        {
            return;
        }

        if (!JsonValues.TryGetString(language, out var text) || text is not ("JSONPath" or "JSONata"))
        {
            Problem(pointer + "/QueryLanguage", stateName, "SCHEMA_VALIDATION_FAILED", "The value for the field 'QueryLanguage' must be 'JSONPath' or 'JSONata'");
        }
        else if (text == "JSONata")
        {
            Problem(pointer + "/QueryLanguage", stateName, "UNSUPPORTED_FEATURE", "QueryLanguage 'JSONata' is not supported by this engine; use 'JSONPath'");
        }
    }

    private void CheckProcessorConfig(JsonObject obj, string pointer, string? stateName)
    {
        if (!obj.TryGetPropertyValue("ProcessorConfig", out var configNode))
        {
            return;
        }

        var configPointer = pointer + "/ProcessorConfig";
        if (configNode is not JsonObject config)
        {
            Problem(configPointer, stateName, "SCHEMA_VALIDATION_FAILED", "The value for the field 'ProcessorConfig' must be an OBJECT");
            return;
        }

        foreach (var (key, value) in config)
        {
            switch (key)
            {
                case "Mode":
                    if (!JsonValues.TryGetString(value, out var mode) || mode is not ("INLINE" or "DISTRIBUTED"))
                    {
                        Problem(configPointer + "/Mode", stateName, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Mode' must be 'INLINE' or 'DISTRIBUTED'");
                    }
                    else if (mode == "DISTRIBUTED")
                    {
                        Problem(configPointer + "/Mode", stateName, "UNSUPPORTED_FEATURE", "Map Mode 'DISTRIBUTED' is not supported by this engine; only INLINE Map states are");
                    }

                    break;
                case "ExecutionType":
                    if (!JsonValues.TryGetString(value, out var type) || type is not ("STANDARD" or "EXPRESS"))
                    {
                        Problem(configPointer + "/ExecutionType", stateName, "SCHEMA_VALIDATION_FAILED", "The value for the field 'ExecutionType' must be 'STANDARD' or 'EXPRESS'");
                    }

                    break;
                default:
                    Problem(configPointer, stateName, "SCHEMA_VALIDATION_FAILED", $"The field '{key}' is not supported by Step Functions");
                    break;
            }
        }
    }

    private void Problem(string pointer, string? stateName, string code, string message) =>
        _problems.Add(new DefinitionProblem(pointer, stateName, $"{code}: {message} at {(pointer.Length == 0 ? "/" : pointer)}"));

    internal static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
