using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

internal sealed partial class DefinitionParser
{
    private string? OptionalString(JsonObject obj, string field, string pointer, string? stateName)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (JsonValues.TryGetString(node, out var value))
        {
            return value;
        }

        Problem(pointer + "/" + field, stateName, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{field}' must be a STRING");
        return null;
    }

    private long? OptionalInteger(JsonObject obj, string field, string pointer, string? stateName, long min, long max)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (JsonValues.TryGetInteger(node, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Problem(pointer + "/" + field, stateName, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{field}' must be an INTEGER between {min} and {max}");
        return null;
    }

    private PathField OptionalPath(StateContext s, string field, bool reference, bool allowNull)
    {
        if (!s.Obj.TryGetPropertyValue(field, out var node))
        {
            return default;
        }

        if (node is null && allowNull)
        {
            return new PathField(null, IsNull: true);
        }

        var kind = reference ? "ReferencePath" : "JSONPath";
        if (!JsonValues.TryGetString(node, out var path)
            || !(reference ? JsonPath.IsValidReferencePath(path) : JsonPath.IsValidPath(path))
            || (field == "ResultPath" && path.StartsWith("$$", StringComparison.Ordinal)))
        {
            Problem(s.Pointer + "/" + field, s.Name, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{field}' must be a valid {kind}");
            return default;
        }

        return new PathField(path, IsNull: false);
    }

    /// <summary>ErrorPath/CausePath: a reference path or an intrinsic function.</summary>
    private string? OptionalDynamic(StateContext s, string field)
    {
        if (!s.Obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (JsonValues.TryGetString(node, out var text) && DynamicProblem(text) is null)
        {
            return text;
        }

        Problem(s.Pointer + "/" + field, s.Name, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{field}' must be a valid JSONPath or a valid intrinsic function call");
        return null;
    }

    private static string? DynamicProblem(string expression) =>
        IntrinsicParser.LooksLikeIntrinsic(expression)
            ? Intrinsics.Problem(expression)
            : JsonPath.IsValidPath(expression) ? null : $"'{expression}' is not a valid JSONPath";

    private JsonNode? OptionalTemplate(StateContext s, string field)
    {
        if (!s.Obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (node is not JsonObject)
        {
            Problem(s.Pointer + "/" + field, s.Name, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{field}' must be an OBJECT");
            return null;
        }

        CheckTemplate(node, s.Pointer + "/" + field, s.Name);
        return node.DeepClone();
    }

    private void CheckTemplate(JsonNode? node, string pointer, string stateName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childPointer = pointer + "/" + Escape(key);
                    if (key.EndsWith(".$", StringComparison.Ordinal))
                    {
                        if (obj.ContainsKey(key[..^2]))
                        {
                            Problem(childPointer, stateName, "SCHEMA_VALIDATION_FAILED", $"The fields '{key[..^2]}' and '{key}' cannot both be present");
                        }

                        if (!JsonValues.TryGetString(value, out var expression) || DynamicProblem(expression) is { } problem)
                        {
                            var detail = JsonValues.TryGetString(value, out var e) ? $": {DynamicProblem(e)}" : "";
                            Problem(childPointer, stateName, "SCHEMA_VALIDATION_FAILED",
                                $"The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call{detail}");
                        }
                    }
                    else
                    {
                        CheckTemplate(value, childPointer, stateName);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckTemplate(array[i], pointer + "/" + i, stateName);
                }

                break;
        }
    }

    private List<Retrier> ParseRetry(StateContext s)
    {
        var result = new List<Retrier>();
        if (!s.Obj.TryGetPropertyValue("Retry", out var node))
        {
            return result;
        }

        if (node is not JsonArray array)
        {
            Problem(s.Pointer + "/Retry", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Retry' must be an ARRAY");
            return result;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var pointer = s.Pointer + "/Retry/" + i;
            if (array[i] is not JsonObject retrier)
            {
                Problem(pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "A retrier must be a JSON object");
                continue;
            }

            foreach (var (key, _) in retrier)
            {
                if (key is not ("ErrorEquals" or "IntervalSeconds" or "MaxAttempts" or "BackoffRate" or "MaxDelaySeconds" or "JitterStrategy" or "Comment"))
                {
                    Problem(pointer, s.Name, "SCHEMA_VALIDATION_FAILED", $"The field '{key}' is not supported by Step Functions in a retrier");
                }
            }

            var errors = ParseErrorEquals(retrier, pointer, s.Name, isLast: i == array.Count - 1, "retrier");
            var interval = OptionalInteger(retrier, "IntervalSeconds", pointer, s.Name, 1, DefinitionLimits.MaxTimeoutSeconds);
            var attempts = OptionalInteger(retrier, "MaxAttempts", pointer, s.Name, 0, DefinitionLimits.MaxTimeoutSeconds);
            var maxDelay = OptionalInteger(retrier, "MaxDelaySeconds", pointer, s.Name, 1, 31_622_400);
            var backoff = 2.0;
            if (retrier.TryGetPropertyValue("BackoffRate", out var backoffNode))
            {
                if (!JsonValues.TryGetDouble(backoffNode, out backoff) || backoff < 1.0)
                {
                    Problem(pointer + "/BackoffRate", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'BackoffRate' must be a number greater than or equal to 1.0");
                    backoff = 2.0;
                }
            }

            var jitter = JitterStrategy.None;
            if (retrier.TryGetPropertyValue("JitterStrategy", out var jitterNode))
            {
                if (JsonValues.TryGetString(jitterNode, out var j) && j is "FULL" or "NONE")
                {
                    jitter = j == "FULL" ? JitterStrategy.Full : JitterStrategy.None;
                }
                else
                {
                    Problem(pointer + "/JitterStrategy", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'JitterStrategy' must be 'FULL' or 'NONE'");
                }
            }

            OptionalString(retrier, "Comment", pointer, s.Name);
            result.Add(new Retrier(errors, interval ?? 1, (int)(attempts ?? 3), backoff, maxDelay, jitter));
        }

        return result;
    }

    private List<Catcher> ParseCatch(StateContext s)
    {
        var result = new List<Catcher>();
        if (!s.Obj.TryGetPropertyValue("Catch", out var node))
        {
            return result;
        }

        if (node is not JsonArray array)
        {
            Problem(s.Pointer + "/Catch", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Catch' must be an ARRAY");
            return result;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var pointer = s.Pointer + "/Catch/" + i;
            if (array[i] is not JsonObject catcher)
            {
                Problem(pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "A catcher must be a JSON object");
                continue;
            }

            foreach (var (key, _) in catcher)
            {
                if (key is not ("ErrorEquals" or "Next" or "ResultPath" or "Comment"))
                {
                    Problem(pointer, s.Name, "SCHEMA_VALIDATION_FAILED", $"The field '{key}' is not supported by Step Functions in a catcher");
                }
            }

            var errors = ParseErrorEquals(catcher, pointer, s.Name, isLast: i == array.Count - 1, "catcher");
            var next = OptionalString(catcher, "Next", pointer, s.Name);
            if (!catcher.ContainsKey("Next"))
            {
                Problem(pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "These fields are required: [Next]");
            }

            var resultPath = OptionalPath(new StateContext(s.Name, pointer, catcher), "ResultPath", reference: true, allowNull: true);
            OptionalString(catcher, "Comment", pointer, s.Name);
            result.Add(new Catcher(errors, next ?? "", resultPath.IsNull ? null : resultPath.Path ?? "$", resultPath.IsNull));
        }

        return result;
    }

    private List<string> ParseErrorEquals(JsonObject obj, string pointer, string stateName, bool isLast, string what)
    {
        var errors = new List<string>();
        if (!obj.TryGetPropertyValue("ErrorEquals", out var node))
        {
            Problem(pointer, stateName, "SCHEMA_VALIDATION_FAILED", "These fields are required: [ErrorEquals]");
            return errors;
        }

        if (node is not JsonArray { Count: > 0 } array)
        {
            Problem(pointer + "/ErrorEquals", stateName, "SCHEMA_VALIDATION_FAILED", "The value for the field 'ErrorEquals' must be a non-empty ARRAY of STRING");
            return errors;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (JsonValues.TryGetString(array[i], out var error) && error.Length > 0)
            {
                errors.Add(error);
            }
            else
            {
                Problem(pointer + "/ErrorEquals/" + i, stateName, "SCHEMA_VALIDATION_FAILED", "Error names must be non-empty STRINGs");
            }
        }

        if (errors.Contains(ErrorNames.All))
        {
            if (array.Count > 1)
            {
                Problem(pointer + "/ErrorEquals", stateName, "SCHEMA_VALIDATION_FAILED", $"'{ErrorNames.All}' must appear alone in the ErrorEquals array");
            }

            if (!isLast)
            {
                Problem(pointer + "/ErrorEquals", stateName, "SCHEMA_VALIDATION_FAILED", $"A {what} with '{ErrorNames.All}' must be the last {what}");
            }
        }

        return errors;
    }
}
