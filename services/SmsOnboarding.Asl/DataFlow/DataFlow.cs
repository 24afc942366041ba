using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// Input and output processing exactly as Step Functions does it for JSONPath states:
/// InputPath -> Parameters -> [work] -> ResultSelector -> ResultPath (into the raw state input) -> OutputPath.
/// Every method returns fresh nodes (deep clones), never the caller's nodes.
/// </summary>
public static class DataFlow
{
    /// <summary>InputPath: absent => the whole input; explicit null => {}; otherwise the selected value (States.Runtime when missing).</summary>
    public static JsonNode? ApplyInputPath(StateDefinition state, JsonNode? rawInput, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.InputPathIsNull)
        {
            return new JsonObject();
        }

        return state.InputPath is null or "$"
            ? rawInput?.DeepClone()
            : Paths.Resolve(state.InputPath, rawInput, context, ErrorNames.Runtime, "InputPath");
    }

    /// <summary>
    /// Parameters / ResultSelector / ItemSelector: keys ending in ".$" take the value of a path on the input,
    /// a "$$." path on the context object, or an intrinsic function; other values are copied (recursing into
    /// objects and arrays). A null template returns the input unchanged.
    /// Throws States.Runtime for a missing path or a failing intrinsic: AWS documents States.ParameterPathFailure and
    /// States.IntrinsicFailure as "reserved for future use" and reports these errors as States.Runtime.
    /// </summary>
    public static JsonNode? ApplyPayloadTemplate(JsonNode? template, JsonNode? input, JsonNode? context) =>
        ApplyPayloadTemplate(template, input, context, random: null, uuid: null);

    /// <summary>As <see cref="ApplyPayloadTemplate(JsonNode?, JsonNode?, JsonNode?)"/> with injected randomness for intrinsics.</summary>
    public static JsonNode? ApplyPayloadTemplate(JsonNode? template, JsonNode? input, JsonNode? context, Func<double>? random, Func<Guid>? uuid)
    {
        if (template is null)
        {
            return input?.DeepClone();
        }

        return Expand(template, input, context, random, uuid);
    }

    private static JsonNode? Expand(JsonNode? template, JsonNode? input, JsonNode? context, Func<double>? random, Func<Guid>? uuid)
    {
        switch (template)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal) && key.Length > 2)
                    {
                        result[key[..^2]] = EvaluateDynamic(key, value, input, context, random, uuid);
                    }
                    else
                    {
                        result[key] = Expand(value, input, context, random, uuid);
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(item => Expand(item, input, context, random, uuid)).ToArray());
            default:
                return template?.DeepClone();
        }
    }

    private static JsonNode? EvaluateDynamic(string key, JsonNode? value, JsonNode? input, JsonNode? context, Func<double>? random, Func<Guid>? uuid)
    {
        if (!JsonValues.TryGetString(value, out var expression))
        {
            throw new AslRuntimeException(ErrorNames.Runtime, $"The value for the field '{key}' must be a path or an intrinsic function, not {JsonValues.TypeName(value)}.");
        }

        if (IntrinsicParser.LooksLikeIntrinsic(expression))
        {
            return Intrinsics.Evaluate(expression, input, context, random, uuid);
        }

        return Paths.Resolve(expression, input, context, ErrorNames.Runtime, key);
    }

    /// <summary>
    /// ResultPath: explicit null => the state input unchanged (result discarded); absent or "$" => the result;
    /// otherwise the state input with the result placed at the reference path (intermediate objects created).
    /// States.ResultPathMatchFailure when the path cannot be placed in the input.
    /// </summary>
    public static JsonNode? ApplyResultPath(string? resultPath, bool resultPathIsNull, JsonNode? stateInput, JsonNode? result)
    {
        if (resultPathIsNull)
        {
            return stateInput?.DeepClone();
        }

        if (resultPath is null or "$")
        {
            return result?.DeepClone();
        }

        var parsed = PathParser.TryParse(resultPath);
        if (parsed is null || !parsed.IsDefinite || parsed.IsContext)
        {
            throw new AslRuntimeException(ErrorNames.ResultPathMatchFailure, $"Invalid ResultPath '{resultPath}': it must be a reference path on the state input.");
        }

        var output = stateInput?.DeepClone();
        if (output is not JsonObject and not JsonArray)
        {
            throw MatchFailure(resultPath, stateInput);
        }

        JsonNode container = output;
        for (var i = 0; i < parsed.Segments.Count; i++)
        {
            var last = i == parsed.Segments.Count - 1;
            var segment = parsed.Segments[i];
            var value = last ? result?.DeepClone() : null;
            switch (segment, container)
            {
                case (ChildSegment child, JsonObject obj):
                    if (last)
                    {
                        obj[child.Name] = value;
                    }
                    else
                    {
                        if (!obj.TryGetPropertyValue(child.Name, out var next) || next is null)
                        {
                            next = new JsonObject();
                            obj[child.Name] = next;
                        }

                        container = next is JsonObject or JsonArray ? next : throw MatchFailure(resultPath, stateInput);
                    }

                    break;
                case (IndexSegment index, JsonArray array):
                    var at = index.Index < 0 ? array.Count + index.Index : index.Index;
                    if (at < 0 || at >= array.Count)
                    {
                        throw MatchFailure(resultPath, stateInput);
                    }

                    if (last)
                    {
                        array[at] = value;
                    }
                    else
                    {
                        container = array[at] is JsonObject or JsonArray ? array[at]! : throw MatchFailure(resultPath, stateInput);
                    }

                    break;
                default:
                    throw MatchFailure(resultPath, stateInput);
            }
        }

        return output;
    }

    private static AslRuntimeException MatchFailure(string resultPath, JsonNode? input) =>
        new(ErrorNames.ResultPathMatchFailure, $"Unable to apply ResultPath '{resultPath}' to input '{JsonPath.Describe(input)}'");

    /// <summary>OutputPath: absent => everything; explicit null => {}; otherwise the selected value (States.Runtime when missing).</summary>
    public static JsonNode? ApplyOutputPath(StateDefinition state, JsonNode? effectiveOutput, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.OutputPathIsNull)
        {
            return new JsonObject();
        }

        return state.OutputPath is null or "$"
            ? effectiveOutput?.DeepClone()
            : Paths.Resolve(state.OutputPath, effectiveOutput, context, ErrorNames.Runtime, "OutputPath");
    }

    /// <summary>
    /// InputPath then Parameters: the input a Task resource, Pass state or Parallel branches receive.
    /// (For Map, ItemSelector is applied per item by <see cref="MapSettings.ItemInput"/>.)
    /// </summary>
    public static JsonNode? EffectiveInput(StateDefinition state, JsonNode? rawInput, JsonNode? context, Func<double>? random = null, Func<Guid>? uuid = null)
    {
        var input = ApplyInputPath(state, rawInput, context);
        var parameters = state switch
        {
            TaskState t => t.Parameters,
            PassState p => p.Parameters,
            ParallelState p => p.Parameters,
            _ => null,
        };
        return parameters is null ? input : ApplyPayloadTemplate(parameters, input, context, random, uuid);
    }

    /// <summary>
    /// ResultSelector (on the result), then ResultPath (into the RAW state input), then OutputPath:
    /// the output of a Task, Parallel or Map state that produced <paramref name="result"/>, or of a Pass state.
    /// Choice/Wait/Succeed states pass their effective input as <paramref name="result"/>; they have no ResultPath.
    /// </summary>
    public static JsonNode? StateOutput(StateDefinition state, JsonNode? rawInput, JsonNode? result, JsonNode? context, Func<double>? random = null, Func<Guid>? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var selector = state switch
        {
            TaskState t => t.ResultSelector,
            ParallelState p => p.ResultSelector,
            MapState m => m.ResultSelector,
            _ => null,
        };
        var selected = selector is null ? result : ApplyPayloadTemplate(selector, result, context, random, uuid);
        var combined = state is IHasResultPath withResultPath
            ? ApplyResultPath(withResultPath.ResultPath, withResultPath.ResultPathIsNull, rawInput, selected)
            : selected;
        return ApplyOutputPath(state, combined, context);
    }

    /// <summary>The result of a Pass state: its Result when present, otherwise its effective input.</summary>
    public static JsonNode? PassResult(PassState state, JsonNode? effectiveInput)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.HasResult ? state.Result?.DeepClone() : effectiveInput?.DeepClone();
    }

    /// <summary>The error output a Catcher passes on: <c>{"Error": ..., "Cause": ...}</c>.</summary>
    public static JsonObject ErrorOutput(string error, string? cause) => new()
    {
        ["Error"] = error,
        ["Cause"] = cause,
    };

    /// <summary>The input of the Catcher's Next state: the error output placed into the raw state input by the Catcher's ResultPath.</summary>
    public static JsonNode? CatcherOutput(Catcher catcher, JsonNode? rawInput, string error, string? cause)
    {
        ArgumentNullException.ThrowIfNull(catcher);
        return ApplyResultPath(catcher.ResultPath, catcher.ResultPathIsNull, rawInput, ErrorOutput(error, cause));
    }

    /// <summary>Error and Cause of a Fail state, from the literals or from ErrorPath/CausePath (a path or intrinsic that must yield a string).</summary>
    public static (string? Error, string? Cause) FailDetails(FailState state, JsonNode? input, JsonNode? context, Func<double>? random = null, Func<Guid>? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (
            state.ErrorPath is { } errorPath ? DynamicString(errorPath, "ErrorPath", input, context, random, uuid) : state.Error,
            state.CausePath is { } causePath ? DynamicString(causePath, "CausePath", input, context, random, uuid) : state.Cause);
    }

    private static string DynamicString(string expression, string field, JsonNode? input, JsonNode? context, Func<double>? random, Func<Guid>? uuid)
    {
        var value = IntrinsicParser.LooksLikeIntrinsic(expression)
            ? Intrinsics.Evaluate(expression, input, context, random, uuid)
            : Paths.Resolve(expression, input, context, ErrorNames.Runtime, field);
        return JsonValues.TryGetString(value, out var text)
            ? text
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The value of '{field}' ('{expression}') must be a string, but was {JsonValues.TypeName(value)}.");
    }
}
