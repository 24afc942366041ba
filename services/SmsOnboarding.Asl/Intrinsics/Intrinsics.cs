using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// The Step Functions intrinsic functions (JSONPath query language). Every failure is an
/// <see cref="AslRuntimeException"/> with error States.Runtime (AWS: States.IntrinsicFailure is "reserved for future use;
/// intrinsic function processing errors are reported with the States.Runtime error name"). Randomness and UUIDs are injected.
/// </summary>
public static class Intrinsics
{
    /// <summary>AWS limit for the string inputs of Base64Encode/Base64Decode/Hash.</summary>
    public const int MaxStringInput = 10_000;

    /// <summary>AWS limit for the items States.ArrayRange may produce.</summary>
    public const int MaxRangeItems = 1_000;

    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["States.Format"] = (1, int.MaxValue),
        ["States.StringToJson"] = (1, 1),
        ["States.JsonToString"] = (1, 1),
        ["States.Array"] = (0, int.MaxValue),
        ["States.ArrayPartition"] = (2, 2),
        ["States.ArrayContains"] = (2, 2),
        ["States.ArrayRange"] = (3, 3),
        ["States.ArrayGetItem"] = (2, 2),
        ["States.ArrayLength"] = (1, 1),
        ["States.ArrayUnique"] = (1, 1),
        ["States.Base64Encode"] = (1, 1),
        ["States.Base64Decode"] = (1, 1),
        ["States.Hash"] = (2, 2),
        ["States.JsonMerge"] = (3, 3),
        ["States.MathRandom"] = (2, 3),
        ["States.MathAdd"] = (2, 2),
        ["States.StringSplit"] = (2, 2),
        ["States.UUID"] = (0, 0),
    };

    /// <summary>Names of every supported intrinsic function.</summary>
    public static IReadOnlyCollection<string> FunctionNames => Arity.Keys;

    /// <summary>True when <paramref name="expression"/> is a syntactically valid call of known functions with valid arity.</summary>
    public static bool IsValid(string expression) => IntrinsicParser.TryParse(expression, out _, out _);

    /// <summary>Why <paramref name="expression"/> is not a valid intrinsic call; null when it is.</summary>
    public static string? Problem(string expression)
    {
        IntrinsicParser.TryParse(expression, out _, out var problem);
        return problem;
    }

    /// <summary>Evaluates an intrinsic call such as <c>States.Format('Hi {}', $.name)</c>.</summary>
    public static JsonNode? Evaluate(string expression, JsonNode? input, JsonNode? context, Func<double>? random = null, Func<Guid>? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!IntrinsicParser.TryParse(expression, out var call, out var problem))
        {
            throw Fail($"Invalid intrinsic function call '{expression}': {problem}");
        }

        var env = new Environment(input, context, random ?? Random.Shared.NextDouble, uuid ?? Guid.NewGuid);
        return Invoke(call!, env);
    }

    internal static string? CheckArity(IntrinsicCall call)
    {
        if (!Arity.TryGetValue(call.Function, out var arity))
        {
            return $"Unknown intrinsic function '{call.Function}'";
        }

        if (call.Arguments.Count < arity.Min || call.Arguments.Count > arity.Max)
        {
            var expected = arity.Min == arity.Max ? $"{arity.Min}" : arity.Max == int.MaxValue ? $"at least {arity.Min}" : $"{arity.Min} to {arity.Max}";
            return $"{call.Function} takes {expected} argument(s) but got {call.Arguments.Count}";
        }

        foreach (var nested in call.Arguments.OfType<CallArgument>())
        {
            if (CheckArity(nested.Call) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private sealed record Environment(JsonNode? Input, JsonNode? Context, Func<double> Random, Func<Guid> Uuid);

    private static JsonNode? Invoke(IntrinsicCall call, Environment env)
    {
        var name = call.Function;
        if (name == "States.Format")
        {
            return Format(call, env);
        }

        var args = call.Arguments.Select(a => Resolve(a, env)).ToArray();
        return name switch
        {
            "States.StringToJson" => StringToJson(String(name, args, 0)),
            "States.JsonToString" => JsonValue.Create(args[0]?.ToJsonString() ?? "null"),
            "States.Array" => new JsonArray(args.Select(a => a?.DeepClone()).ToArray()),
            "States.ArrayPartition" => ArrayPartition(name, Array(name, args, 0), Integer(name, args, 1)),
            "States.ArrayContains" => JsonValue.Create(Array(name, args, 0).Any(item => JsonNode.DeepEquals(item, args[1]))),
            "States.ArrayRange" => ArrayRange(name, Integer(name, args, 0), Integer(name, args, 1), Integer(name, args, 2)),
            "States.ArrayGetItem" => ArrayGetItem(name, Array(name, args, 0), Integer(name, args, 1)),
            "States.ArrayLength" => JsonValue.Create(Array(name, args, 0).Count),
            "States.ArrayUnique" => ArrayUnique(Array(name, args, 0)),
            "States.Base64Encode" => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(LimitedString(name, args, 0)))),
            "States.Base64Decode" => Base64Decode(name, LimitedString(name, args, 0)),
            "States.Hash" => Hash(name, LimitedString(name, args, 0), String(name, args, 1)),
            "States.JsonMerge" => JsonMerge(name, args),
            "States.MathRandom" => MathRandom(name, args, env),
            "States.MathAdd" => JsonValue.Create(RoundedInteger(name, args, 0) + RoundedInteger(name, args, 1)),
            "States.StringSplit" => StringSplit(String(name, args, 0), String(name, args, 1)),
            "States.UUID" => JsonValue.Create(env.Uuid().ToString("D")),
            _ => throw Fail($"Unknown intrinsic function '{name}'"),
        };
    }

    private static JsonNode? Resolve(IntrinsicArgument argument, Environment env) => argument switch
    {
        StringArgument s => JsonValue.Create(s.Value),
        LiteralArgument l => l.Value?.DeepClone(),
        PathArgument p => Paths.TryResolve(p.Path, env.Input, env.Context, out var value)
            ? value
            : throw Fail($"The JSONPath '{p.Path}' could not be found in the input"),
        CallArgument c => Invoke(c.Call, env),
        _ => throw Fail("Unsupported argument"),
    };

    private static JsonValue Format(IntrinsicCall call, Environment env)
    {
        var first = call.Arguments[0];
        string template;
        bool escaped;
        if (first is StringArgument literal)
        {
            template = literal.Raw;
            escaped = true;
        }
        else
        {
            var resolved = Resolve(first, env);
            if (!JsonValues.TryGetString(resolved, out template))
            {
                throw Fail($"States.Format: the first argument must be a string, but was {JsonValues.TypeName(resolved)}");
            }

            escaped = false;
        }

        var values = call.Arguments.Skip(1).Select(a => Resolve(a, env)).ToArray();
        var sb = new StringBuilder();
        var used = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (escaped && c == '\\' && i + 1 < template.Length)
            {
                sb.Append(template[++i]);
            }
            else if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (used >= values.Length)
                {
                    throw Fail($"States.Format: the template has more placeholders than the {values.Length} value argument(s)");
                }

                sb.Append(FormatValue(values[used++]));
                i++;
            }
            else
            {
                sb.Append(c);
            }
        }

        if (used != values.Length)
        {
            throw Fail($"States.Format: the template has {used} placeholder(s) but {values.Length} value argument(s) were given");
        }

        return JsonValue.Create(sb.ToString());
    }

    // Step Functions prints objects and arrays the way Java prints maps and lists: {Arg1=1, Arg2=[a, b]}
    // (observed against AWS in localstack's recorded snapshot tests).
    private static string FormatValue(JsonNode? value) => value switch
    {
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"{p.Key}={FormatValue(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(", ", array.Select(FormatValue)) + "]",
        _ when JsonValues.TryGetString(value, out var text) => text,
        _ => value?.ToJsonString() ?? "null",
    };

    private static JsonNode? StringToJson(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Fail($"States.StringToJson: the argument is not valid JSON: {e.Message}");
        }
    }

    private static JsonArray ArrayPartition(string name, JsonArray array, long size)
    {
        if (size <= 0)
        {
            throw Fail($"{name}: the chunk size must be a positive integer, but was {size}");
        }

        var result = new JsonArray();
        for (var i = 0; i < array.Count; i += (int)Math.Min(size, int.MaxValue))
        {
            result.Add(new JsonArray(array.Skip(i).Take((int)Math.Min(size, int.MaxValue)).Select(n => n?.DeepClone()).ToArray()));
        }

        return result;
    }

    private static JsonArray ArrayRange(string name, long first, long last, long step)
    {
        if (step == 0)
        {
            throw Fail($"{name}: the step must not be 0");
        }

        var count = (last - first) / step + 1;
        if (count > MaxRangeItems)
        {
            throw Fail($"{name}: the range would produce {count} items; at most {MaxRangeItems} are allowed");
        }

        var result = new JsonArray();
        for (var i = 0L; i < count; i++)
        {
            result.Add(JsonValue.Create(first + i * step));
        }

        return result;
    }

    private static JsonNode? ArrayGetItem(string name, JsonArray array, long index)
    {
        if (index < 0 || index >= array.Count)
        {
            throw Fail($"{name}: index {index} is out of bounds for an array of {array.Count} item(s)");
        }

        return array[(int)index]?.DeepClone();
    }

    private static JsonArray ArrayUnique(JsonArray array)
    {
        var result = new JsonArray();
        foreach (var item in array)
        {
            if (!result.Any(kept => JsonNode.DeepEquals(kept, item)))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    private static JsonValue Base64Decode(string name, string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text);
            return JsonValue.Create(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (FormatException)
        {
            throw Fail($"{name}: the argument is not valid base64");
        }
        catch (ArgumentException)
        {
            throw Fail($"{name}: the decoded bytes are not valid UTF-8");
        }
    }

    private static JsonValue Hash(string name, string data, string algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are part of the ASL contract, not used for security here.
        var digest = algorithm switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw Fail($"{name}: unsupported algorithm '{algorithm}'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"),
        };
#pragma warning restore CA5350, CA5351
        return JsonValue.Create(Convert.ToHexStringLower(digest));
    }

    private static JsonObject JsonMerge(string name, JsonNode?[] args)
    {
        if (args[0] is not JsonObject left || args[1] is not JsonObject right)
        {
            throw Fail($"{name}: the first two arguments must be JSON objects");
        }

        if (!JsonValues.TryGetBoolean(args[2], out var deep))
        {
            throw Fail($"{name}: the third argument must be a boolean");
        }

        if (deep)
        {
            throw Fail($"{name}: deep merging is not supported; the third argument must be false");
        }

        var merged = (JsonObject)left.DeepClone();
        foreach (var (key, value) in right)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static JsonValue MathRandom(string name, JsonNode?[] args, Environment env)
    {
        var start = RoundedInteger(name, args, 0);
        var end = RoundedInteger(name, args, 1);
        if (end <= start)
        {
            throw Fail($"{name}: the end ({end}) must be greater than the start ({start})");
        }

        var r = args.Length == 3
            ? new Random(unchecked((int)Integer(name, args, 2))).NextDouble()
            : env.Random();
        if (double.IsNaN(r) || r < 0 || r >= 1)
        {
            throw new InvalidOperationException("The injected random source must return values in [0, 1).");
        }

        // Start inclusive, end exclusive.
        return JsonValue.Create(start + (long)Math.Floor(r * (end - start)));
    }

    private static JsonArray StringSplit(string text, string delimiters)
    {
        var parts = delimiters.Length == 0
            ? [text]
            : text.Split(delimiters.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        return new JsonArray(parts.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
    }

    private static string String(string name, JsonNode?[] args, int index) =>
        JsonValues.TryGetString(args[index], out var s)
            ? s
            : throw Fail($"{name}: argument {index + 1} must be a string, but was {JsonValues.TypeName(args[index])}");

    private static string LimitedString(string name, JsonNode?[] args, int index)
    {
        var s = String(name, args, index);
        return s.Length <= MaxStringInput
            ? s
            : throw Fail($"{name}: the input has {s.Length} characters; at most {MaxStringInput} are allowed");
    }

    private static JsonArray Array(string name, JsonNode?[] args, int index) =>
        args[index] as JsonArray
            ?? throw Fail($"{name}: argument {index + 1} must be an array, but was {JsonValues.TypeName(args[index])}");

    private static long Integer(string name, JsonNode?[] args, int index)
    {
        if (!JsonValues.TryGetInteger(args[index], out var value) || value < int.MinValue || value > int.MaxValue)
        {
            throw Fail($"{name}: argument {index + 1} must be an integer between {int.MinValue} and {int.MaxValue}, but was {args[index]?.ToJsonString() ?? "null"}");
        }

        return value;
    }

    /// <summary>
    /// AWS: "If you specify a non-integer value ... Step Functions will round it off to the nearest integer" (MathAdd, MathRandom).
    /// Step Functions runs on Java, so halves round up (Math.round: 2.5 -> 3, -2.5 -> -2).
    /// </summary>
    private static long RoundedInteger(string name, JsonNode?[] args, int index)
    {
        if (!JsonValues.TryGetNumber(args[index], out var number))
        {
            throw Fail($"{name}: argument {index + 1} must be a number, but was {JsonValues.TypeName(args[index])}");
        }

        var rounded = decimal.Floor(number + 0.5m);
        return rounded is >= int.MinValue and <= int.MaxValue
            ? (long)rounded
            : throw Fail($"{name}: argument {index + 1} must be between {int.MinValue} and {int.MaxValue}, but was {number}");
    }

    internal static AslRuntimeException Fail(string cause) => new(ErrorNames.Runtime, cause);
}
