using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

internal sealed partial class DefinitionParser
{
    private static readonly string[] Common = ["Type", "Comment", "QueryLanguage", "Assign"];

    private static readonly Dictionary<string, HashSet<string>> FieldsByType = new(StringComparer.Ordinal)
    {
        ["Pass"] = [.. Common, "Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result"],
        ["Task"] = [.. Common, "Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch",
            "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"],
        ["Choice"] = [.. Common, "Choices", "Default", "InputPath", "OutputPath"],
        ["Wait"] = [.. Common, "Next", "End", "InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
        ["Succeed"] = [.. Common, "InputPath", "OutputPath"],
        ["Fail"] = [.. Common, "Error", "ErrorPath", "Cause", "CausePath"],
        ["Parallel"] = [.. Common, "Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch", "Branches"],
        ["Map"] = [.. Common, "Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch",
            "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "MaxConcurrency", "MaxConcurrencyPath",
            "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath",
            "ItemReader", "ResultWriter", "ItemBatcher", "Label"],
    };

    private StateDefinition? ParseState(string name, JsonObject obj, string pointer)
    {
        if (!obj.TryGetPropertyValue("Type", out var typeNode))
        {
            Problem(pointer, name, "SCHEMA_VALIDATION_FAILED", "These fields are required: [Type]");
            return null;
        }

        if (!JsonValues.TryGetString(typeNode, out var type) || !FieldsByType.TryGetValue(type, out var allowed))
        {
            Problem(pointer + "/Type", name, "SCHEMA_VALIDATION_FAILED",
                "The value for the field 'Type' must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map");
            return null;
        }

        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key))
            {
                Problem(pointer, name, "SCHEMA_VALIDATION_FAILED", $"The field '{key}' is not supported by Step Functions for a {type} state");
            }
        }

        if (obj.ContainsKey("Assign"))
        {
            Problem(pointer + "/Assign", name, "UNSUPPORTED_FEATURE", "'Assign' (workflow variables) is not supported by this engine");
        }

        CheckQueryLanguage(obj, pointer, name);
        var context = new StateContext(name, pointer, obj);
        var common = ReadCommon(context, type);
        StateDefinition? state = type switch
        {
            "Pass" => ParsePass(context, common),
            "Task" => ParseTask(context, common),
            "Choice" => ParseChoice(context, common),
            "Wait" => ParseWait(context, common),
            "Succeed" => new SucceedState
            {
                Name = name,
                Comment = common.Comment,
                InputPath = common.InputPath.Path,
                InputPathIsNull = common.InputPath.IsNull,
                OutputPath = common.OutputPath.Path,
                OutputPathIsNull = common.OutputPath.IsNull,
                End = true,
            },
            "Fail" => ParseFail(context, common),
            "Parallel" => ParseParallel(context, common),
            _ => ParseMap(context, common),
        };
        return state;
    }

    private sealed record StateContext(string Name, string Pointer, JsonObject Obj);

    private readonly record struct PathField(string? Path, bool IsNull);

    private sealed record CommonFields(string? Comment, PathField InputPath, PathField OutputPath, string? Next, bool End);

    private CommonFields ReadCommon(StateContext s, string type)
    {
        var comment = OptionalString(s.Obj, "Comment", s.Pointer, s.Name);
        var inputPath = OptionalPath(s, "InputPath", reference: false, allowNull: true);
        var outputPath = OptionalPath(s, "OutputPath", reference: false, allowNull: true);
        var next = OptionalString(s.Obj, "Next", s.Pointer, s.Name);
        var end = false;
        if (s.Obj.TryGetPropertyValue("End", out var endNode))
        {
            if (!JsonValues.TryGetBoolean(endNode, out end))
            {
                Problem(s.Pointer + "/End", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'End' must be a BOOLEAN");
            }
        }

        var hasNext = s.Obj.ContainsKey("Next");
        switch (type)
        {
            case "Choice":
                if (s.Obj.ContainsKey("End"))
                {
                    Problem(s.Pointer + "/End", s.Name, "SCHEMA_VALIDATION_FAILED", "Choice states cannot have 'End'; they transition through Choices and Default");
                }

                break;
            case "Succeed" or "Fail":
                if (hasNext)
                {
                    Problem(s.Pointer + "/Next", s.Name, "SCHEMA_VALIDATION_FAILED", $"{type} states are terminal and cannot have 'Next'");
                }

                break;
            default:
                if (hasNext && end)
                {
                    Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "Exactly one of 'Next' or 'End' is required, not both");
                }
                else if (!hasNext && !end)
                {
                    Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED",
                        s.Obj.ContainsKey("End") ? "'End' must be true when 'Next' is absent" : "Exactly one of 'Next' or 'End' is required");
                }

                break;
        }

        return new CommonFields(comment, inputPath, outputPath, next, end);
    }

    private PassState ParsePass(StateContext s, CommonFields c)
    {
        var resultPath = OptionalPath(s, "ResultPath", reference: true, allowNull: true);
        var parameters = OptionalTemplate(s, "Parameters");
        s.Obj.TryGetPropertyValue("Result", out var result);
        return new PassState
        {
            Name = s.Name,
            Comment = c.Comment,
            InputPath = c.InputPath.Path,
            InputPathIsNull = c.InputPath.IsNull,
            OutputPath = c.OutputPath.Path,
            OutputPathIsNull = c.OutputPath.IsNull,
            Next = c.Next,
            End = c.End,
            ResultPath = resultPath.Path,
            ResultPathIsNull = resultPath.IsNull,
            Parameters = parameters,
            Result = result?.DeepClone(),
            HasResult = s.Obj.ContainsKey("Result"),
        };
    }

    private TaskState ParseTask(StateContext s, CommonFields c)
    {
        var resource = OptionalString(s.Obj, "Resource", s.Pointer, s.Name);
        if (!s.Obj.ContainsKey("Resource"))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "These fields are required: [Resource]");
        }
        else if (resource is { Length: 0 })
        {
            Problem(s.Pointer + "/Resource", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Resource' must not be empty");
        }

        var timeout = OptionalInteger(s.Obj, "TimeoutSeconds", s.Pointer, s.Name, 1, DefinitionLimits.MaxTimeoutSeconds);
        var timeoutPath = OptionalPath(s, "TimeoutSecondsPath", reference: true, allowNull: false);
        var heartbeat = OptionalInteger(s.Obj, "HeartbeatSeconds", s.Pointer, s.Name, 1, DefinitionLimits.MaxTimeoutSeconds);
        var heartbeatPath = OptionalPath(s, "HeartbeatSecondsPath", reference: true, allowNull: false);
        if (s.Obj.ContainsKey("TimeoutSeconds") && s.Obj.ContainsKey("TimeoutSecondsPath"))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "'TimeoutSeconds' and 'TimeoutSecondsPath' are mutually exclusive");
        }

        if (s.Obj.ContainsKey("HeartbeatSeconds") && s.Obj.ContainsKey("HeartbeatSecondsPath"))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "'HeartbeatSeconds' and 'HeartbeatSecondsPath' are mutually exclusive");
        }

        if (timeout is not null && heartbeat is not null && heartbeat >= timeout)
        {
            Problem(s.Pointer + "/HeartbeatSeconds", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for 'HeartbeatSeconds' must be smaller than the value for 'TimeoutSeconds'");
        }

        s.Obj.TryGetPropertyValue("Credentials", out var credentials);
        if (credentials is not null)
        {
            if (credentials is not JsonObject)
            {
                Problem(s.Pointer + "/Credentials", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Credentials' must be an OBJECT");
            }
            else
            {
                CheckTemplate(credentials, s.Pointer + "/Credentials", s.Name);
            }
        }

        var resultPath = OptionalPath(s, "ResultPath", reference: true, allowNull: true);
        return new TaskState
        {
            Name = s.Name,
            Comment = c.Comment,
            InputPath = c.InputPath.Path,
            InputPathIsNull = c.InputPath.IsNull,
            OutputPath = c.OutputPath.Path,
            OutputPathIsNull = c.OutputPath.IsNull,
            Next = c.Next,
            End = c.End,
            Resource = resource ?? "",
            Parameters = OptionalTemplate(s, "Parameters"),
            ResultSelector = OptionalTemplate(s, "ResultSelector"),
            ResultPath = resultPath.Path,
            ResultPathIsNull = resultPath.IsNull,
            Retry = ParseRetry(s),
            Catch = ParseCatch(s),
            TimeoutSeconds = (int?)timeout,
            TimeoutSecondsPath = timeoutPath.Path,
            HeartbeatSeconds = (int?)heartbeat,
            HeartbeatSecondsPath = heartbeatPath.Path,
            Credentials = credentials?.DeepClone(),
        };
    }

    private ChoiceState ParseChoice(StateContext s, CommonFields c)
    {
        var rules = new List<ChoiceRule>();
        if (!s.Obj.TryGetPropertyValue("Choices", out var choicesNode))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "These fields are required: [Choices]");
        }
        else if (choicesNode is not JsonArray { Count: > 0 } choices)
        {
            Problem(s.Pointer + "/Choices", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Choices' must be a non-empty ARRAY");
        }
        else
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (ParseChoiceRule(choices[i], s.Pointer + "/Choices/" + i, s.Name, topLevel: true) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        return new ChoiceState
        {
            Name = s.Name,
            Comment = c.Comment,
            InputPath = c.InputPath.Path,
            InputPathIsNull = c.InputPath.IsNull,
            OutputPath = c.OutputPath.Path,
            OutputPathIsNull = c.OutputPath.IsNull,
            Choices = rules,
            Default = OptionalString(s.Obj, "Default", s.Pointer, s.Name),
        };
    }

    private WaitState ParseWait(StateContext s, CommonFields c)
    {
        string[] kinds = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];
        var present = kinds.Count(s.Obj.ContainsKey);
        if (present != 1)
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED",
                present == 0
                    ? "A Wait state requires exactly one of [Seconds, SecondsPath, Timestamp, TimestampPath]"
                    : "A Wait state must have only one of [Seconds, SecondsPath, Timestamp, TimestampPath]");
        }

        DateTimeOffset? timestamp = null;
        if (s.Obj.TryGetPropertyValue("Timestamp", out var timestampNode))
        {
            if (JsonValues.TryGetString(timestampNode, out var text) && Timestamps.TryParse(text, out var parsed))
            {
                timestamp = parsed;
            }
            else
            {
                Problem(s.Pointer + "/Timestamp", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Timestamp' must be an RFC3339 timestamp such as 2016-08-18T17:33:00Z");
            }
        }

        return new WaitState
        {
            Name = s.Name,
            Comment = c.Comment,
            InputPath = c.InputPath.Path,
            InputPathIsNull = c.InputPath.IsNull,
            OutputPath = c.OutputPath.Path,
            OutputPathIsNull = c.OutputPath.IsNull,
            Next = c.Next,
            End = c.End,
            Seconds = OptionalInteger(s.Obj, "Seconds", s.Pointer, s.Name, 0, DefinitionLimits.MaxWaitSeconds),
            SecondsPath = OptionalPath(s, "SecondsPath", reference: true, allowNull: false).Path,
            Timestamp = timestamp,
            TimestampPath = OptionalPath(s, "TimestampPath", reference: true, allowNull: false).Path,
        };
    }

    private FailState ParseFail(StateContext s, CommonFields c)
    {
        foreach (var (literal, path) in new[] { ("Error", "ErrorPath"), ("Cause", "CausePath") })
        {
            if (s.Obj.ContainsKey(literal) && s.Obj.ContainsKey(path))
            {
                Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", $"'{literal}' and '{path}' are mutually exclusive");
            }
        }

        return new FailState
        {
            Name = s.Name,
            Comment = c.Comment,
            End = true,
            Error = OptionalString(s.Obj, "Error", s.Pointer, s.Name),
            Cause = OptionalString(s.Obj, "Cause", s.Pointer, s.Name),
            ErrorPath = OptionalDynamic(s, "ErrorPath"),
            CausePath = OptionalDynamic(s, "CausePath"),
        };
    }

    private ParallelState ParseParallel(StateContext s, CommonFields c)
    {
        var branches = new List<StateMachineDefinition>();
        if (!s.Obj.TryGetPropertyValue("Branches", out var branchesNode))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "These fields are required: [Branches]");
        }
        else if (branchesNode is not JsonArray { Count: > 0 } array)
        {
            Problem(s.Pointer + "/Branches", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Branches' must be a non-empty ARRAY");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                var branchPointer = s.Pointer + "/Branches/" + i;
                if (array[i] is not JsonObject branchObj)
                {
                    Problem(branchPointer, s.Name, "SCHEMA_VALIDATION_FAILED", "A branch must be a JSON object");
                }
                else if (ParseMachine(branchObj, branchPointer, s.Name, MachineKind.Branch) is { } branch)
                {
                    branches.Add(branch);
                }
            }
        }

        var resultPath = OptionalPath(s, "ResultPath", reference: true, allowNull: true);
        return new ParallelState
        {
            Name = s.Name,
            Comment = c.Comment,
            InputPath = c.InputPath.Path,
            InputPathIsNull = c.InputPath.IsNull,
            OutputPath = c.OutputPath.Path,
            OutputPathIsNull = c.OutputPath.IsNull,
            Next = c.Next,
            End = c.End,
            Branches = branches,
            Parameters = OptionalTemplate(s, "Parameters"),
            ResultSelector = OptionalTemplate(s, "ResultSelector"),
            ResultPath = resultPath.Path,
            ResultPathIsNull = resultPath.IsNull,
            Retry = ParseRetry(s),
            Catch = ParseCatch(s),
        };
    }

    private MapState? ParseMap(StateContext s, CommonFields c)
    {
        foreach (var unsupported in new[] { "ItemReader", "ResultWriter", "ItemBatcher" })
        {
            if (s.Obj.ContainsKey(unsupported))
            {
                Problem(s.Pointer + "/" + unsupported, s.Name, "UNSUPPORTED_FEATURE", $"'{unsupported}' (Distributed Map) is not supported by this engine; only INLINE Map states are");
            }
        }

        var processorField = s.Obj.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (s.Obj.ContainsKey("ItemProcessor") && s.Obj.ContainsKey("Iterator"))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "'ItemProcessor' and 'Iterator' are mutually exclusive");
        }

        if (s.Obj.ContainsKey("ItemSelector") && s.Obj.ContainsKey("Parameters"))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "'ItemSelector' and 'Parameters' are mutually exclusive");
        }

        StateMachineDefinition? processor = null;
        if (!s.Obj.TryGetPropertyValue(processorField, out var processorNode))
        {
            Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", "These fields are required: [ItemProcessor]");
        }
        else if (processorNode is not JsonObject processorObj)
        {
            Problem(s.Pointer + "/" + processorField, s.Name, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{processorField}' must be an OBJECT");
        }
        else
        {
            processor = ParseMachine(processorObj, s.Pointer + "/" + processorField, s.Name, MachineKind.ItemProcessor);
        }

        foreach (var (literal, path) in new[] { ("MaxConcurrency", "MaxConcurrencyPath"), ("ToleratedFailurePercentage", "ToleratedFailurePercentagePath"), ("ToleratedFailureCount", "ToleratedFailureCountPath") })
        {
            if (s.Obj.ContainsKey(literal) && s.Obj.ContainsKey(path))
            {
                Problem(s.Pointer, s.Name, "SCHEMA_VALIDATION_FAILED", $"'{literal}' and '{path}' are mutually exclusive");
            }
        }

        double? percentage = null;
        if (s.Obj.TryGetPropertyValue("ToleratedFailurePercentage", out var percentageNode))
        {
            if (JsonValues.TryGetDouble(percentageNode, out var p) && p is >= 0 and <= 100)
            {
                percentage = p;
            }
            else
            {
                Problem(s.Pointer + "/ToleratedFailurePercentage", s.Name, "SCHEMA_VALIDATION_FAILED", "The value for the field 'ToleratedFailurePercentage' must be a number between 0 and 100");
            }
        }

        var resultPath = OptionalPath(s, "ResultPath", reference: true, allowNull: true);
        var itemSelector = s.Obj.ContainsKey("ItemSelector") ? OptionalTemplate(s, "ItemSelector") : OptionalTemplate(s, "Parameters");
        var maxConcurrency = OptionalInteger(s.Obj, "MaxConcurrency", s.Pointer, s.Name, 0, int.MaxValue);
        var toleratedCount = OptionalInteger(s.Obj, "ToleratedFailureCount", s.Pointer, s.Name, 0, int.MaxValue);
        if (processor is null)
        {
            return null;
        }

        return new MapState
        {
            Name = s.Name,
            Comment = c.Comment,
            InputPath = c.InputPath.Path,
            InputPathIsNull = c.InputPath.IsNull,
            OutputPath = c.OutputPath.Path,
            OutputPathIsNull = c.OutputPath.IsNull,
            Next = c.Next,
            End = c.End,
            ItemProcessor = processor,
            ItemsPath = OptionalPath(s, "ItemsPath", reference: true, allowNull: false).Path,
            ItemSelector = itemSelector,
            MaxConcurrency = (int)(maxConcurrency ?? 0),
            MaxConcurrencyPath = OptionalPath(s, "MaxConcurrencyPath", reference: true, allowNull: false).Path,
            ToleratedFailurePercentage = percentage,
            ToleratedFailurePercentagePath = OptionalPath(s, "ToleratedFailurePercentagePath", reference: true, allowNull: false).Path,
            ToleratedFailureCount = (int?)toleratedCount,
            ToleratedFailureCountPath = OptionalPath(s, "ToleratedFailureCountPath", reference: true, allowNull: false).Path,
            Label = OptionalString(s.Obj, "Label", s.Pointer, s.Name),
            ResultSelector = OptionalTemplate(s, "ResultSelector"),
            ResultPath = resultPath.Path,
            ResultPathIsNull = resultPath.IsNull,
            Retry = ParseRetry(s),
            Catch = ParseCatch(s),
        };
    }
}
