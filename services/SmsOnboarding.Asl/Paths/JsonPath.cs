using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// JSONPath as Step Functions evaluates it. Definite paths (only children and indexes) select one node;
/// other paths (wildcards, slices, unions, filters, recursive descent) select a JSON array of every match.
/// A path starting with "$$" is evaluated against the document given, which callers pass as the context object.
/// Selected nodes are deep clones: callers may attach them to other documents.
/// </summary>
public static class JsonPath
{
    /// <summary>Selects; throws <see cref="AslRuntimeException"/> (States.Runtime) when the path is invalid or matches nothing.</summary>
    public static JsonNode? Select(string path, JsonNode? document) => Select(path, document, ErrorNames.Runtime);

    /// <summary>Selects; on failure throws <see cref="AslRuntimeException"/> with the given error name.</summary>
    public static JsonNode? Select(string path, JsonNode? document, string errorName)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parsed = PathParser.TryParse(path)
            ?? throw new AslRuntimeException(errorName, $"Invalid JSONPath '{path}'.");
        if (!TryEvaluate(parsed, document, document, out var value))
        {
            throw new AslRuntimeException(errorName, $"The JSONPath '{path}' could not be found in the input '{Describe(document)}'");
        }

        return value;
    }

    public static bool TrySelect(string path, JsonNode? document, out JsonNode? value)
    {
        value = null;
        var parsed = PathParser.TryParse(path);
        return parsed is not null && TryEvaluate(parsed, document, document, out value);
    }

    /// <summary>True for any path Step Functions accepts in InputPath, OutputPath, Parameters ".$" and Choice Variable.</summary>
    public static bool IsValidPath(string path) => PathParser.TryParse(path) is not null;

    /// <summary>
    /// True for a reference path: it identifies a single node using only dot and bracket children and indexes
    /// (AWS: the operators @ , : ? and functions are not supported).
    /// </summary>
    public static bool IsValidReferencePath(string path) => PathParser.TryParse(path) is { IsDefinite: true };

    internal static bool TryEvaluate(ParsedPath path, JsonNode? document, JsonNode? root, out JsonNode? value)
    {
        if (path.IsDefinite)
        {
            if (!TryWalkDefinite(path, document, out var node))
            {
                value = null;
                return false;
            }

            value = node?.DeepClone();
            return true;
        }

        var matches = new List<JsonNode?>();
        Collect(path.Segments, 0, document, root, matches);
        value = new JsonArray(matches.Select(m => m?.DeepClone()).ToArray());
        return true;
    }

    internal static bool TryWalkDefinite(ParsedPath path, JsonNode? document, out JsonNode? node)
    {
        node = document;
        foreach (var segment in path.Segments)
        {
            if (!TryStep(node, segment, out node))
            {
                node = null;
                return false;
            }
        }

        return true;
    }

    private static bool TryStep(JsonNode? node, PathSegment segment, out JsonNode? next)
    {
        next = null;
        switch (segment)
        {
            case ChildSegment child when node is JsonObject obj:
                return obj.TryGetPropertyValue(child.Name, out next);
            case IndexSegment index when node is JsonArray array:
                var i = index.Index < 0 ? array.Count + index.Index : index.Index;
                if (i < 0 || i >= array.Count)
                {
                    return false;
                }

                next = array[i];
                return true;
            default:
                return false;
        }
    }

    private static void Collect(IReadOnlyList<PathSegment> segments, int at, JsonNode? node, JsonNode? root, List<JsonNode?> matches)
    {
        if (at == segments.Count)
        {
            matches.Add(node);
            return;
        }

        foreach (var child in Apply(segments[at], node, root))
        {
            Collect(segments, at + 1, child, root, matches);
        }
    }

    private static IEnumerable<JsonNode?> Apply(PathSegment segment, JsonNode? node, JsonNode? root)
    {
        switch (segment)
        {
            case ChildSegment or IndexSegment:
                if (TryStep(node, segment, out var next))
                {
                    yield return next;
                }

                break;
            case WildcardSegment:
                foreach (var child in Children(node))
                {
                    yield return child;
                }

                break;
            case UnionSegment union:
                foreach (var key in union.Keys)
                {
                    PathSegment single = key is string name ? new ChildSegment(name) : new IndexSegment((int)key);
                    if (TryStep(node, single, out var item))
                    {
                        yield return item;
                    }
                }

                break;
            case SliceSegment slice when node is JsonArray array:
                foreach (var i in SliceIndexes(slice, array.Count))
                {
                    yield return array[i];
                }

                break;
            case FilterSegment filter:
                foreach (var child in Children(node))
                {
                    if (Truthy(EvaluateFilter(filter.Expression, child, root)))
                    {
                        yield return child;
                    }
                }

                break;
            case DescendantSegment descendant:
                foreach (var level in SelfAndDescendants(node))
                {
                    foreach (var match in Apply(descendant.Inner, level, root))
                    {
                        yield return match;
                    }
                }

                break;
        }
    }

    private static IEnumerable<JsonNode?> Children(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value),
        JsonArray array => array,
        _ => [],
    };

    private static IEnumerable<JsonNode?> SelfAndDescendants(JsonNode? node)
    {
        yield return node;
        foreach (var child in Children(node))
        {
            foreach (var d in SelfAndDescendants(child))
            {
                yield return d;
            }
        }
    }

    private static IEnumerable<int> SliceIndexes(SliceSegment slice, int count)
    {
        var step = slice.Step ?? 1;
        static int Normalize(int i, int count) => i < 0 ? Math.Max(count + i, 0) : Math.Min(i, count);
        if (step > 0)
        {
            var start = Normalize(slice.Start ?? 0, count);
            var end = Normalize(slice.End ?? count, count);
            for (var i = start; i < end; i += step)
            {
                yield return i;
            }
        }
        else
        {
            var start = slice.Start is { } s ? Math.Min(s < 0 ? count + s : s, count - 1) : count - 1;
            var end = slice.End is { } e ? (e < 0 ? count + e : e) : -1;
            for (var i = start; i > end && i >= 0; i += step)
            {
                yield return i;
            }
        }
    }

    // Filter values: Missing (path not found) is distinct from JSON null.
    private sealed record FilterValue(bool Exists, JsonNode? Node);

    private static readonly FilterValue Missing = new(false, null);

    private static FilterValue EvaluateFilter(FilterExpression expression, JsonNode? current, JsonNode? root)
    {
        switch (expression)
        {
            case FilterLiteral literal:
                return new FilterValue(true, literal.Value);
            case FilterPath path:
                {
                    var start = path.RelativeToCurrent ? current : root;
                    if (path.Path.IsDefinite)
                    {
                        return TryWalkDefinite(path.Path, start, out var found) ? new FilterValue(true, found) : Missing;
                    }

                    var matches = new List<JsonNode?>();
                    Collect(path.Path.Segments, 0, start, root, matches);
                    return new FilterValue(true, new JsonArray(matches.Select(m => m?.DeepClone()).ToArray()));
                }

            case FilterNot not:
                return Bool(!Truthy(EvaluateFilter(not.Operand, current, root)));
            case FilterBinary { Operator: "&&" } and:
                return Bool(Truthy(EvaluateFilter(and.Left, current, root)) && Truthy(EvaluateFilter(and.Right, current, root)));
            case FilterBinary { Operator: "||" } or:
                return Bool(Truthy(EvaluateFilter(or.Left, current, root)) || Truthy(EvaluateFilter(or.Right, current, root)));
            case FilterBinary comparison:
                return Bool(Compare(comparison.Operator, EvaluateFilter(comparison.Left, current, root), EvaluateFilter(comparison.Right, current, root)));
            default:
                return Missing;
        }
    }

    private static FilterValue Bool(bool value) => new(true, JsonValue.Create(value));

    // A bare path in a filter tests existence (Jayway semantics); booleans test their value.
    private static bool Truthy(FilterValue value) =>
        value.Exists && (value.Node is not JsonValue v || v.GetValueKind() != JsonValueKind.False);

    private static bool Compare(string op, FilterValue left, FilterValue right)
    {
        if (!left.Exists || !right.Exists)
        {
            return op == "!=" && left.Exists != right.Exists;
        }

        if (JsonValues.TryGetNumber(left.Node, out var l) && JsonValues.TryGetNumber(right.Node, out var r))
        {
            return op switch
            {
                "==" => l == r,
                "!=" => l != r,
                "<" => l < r,
                "<=" => l <= r,
                ">" => l > r,
                ">=" => l >= r,
                _ => false,
            };
        }

        if (JsonValues.TryGetString(left.Node, out var ls) && JsonValues.TryGetString(right.Node, out var rs))
        {
            var c = string.CompareOrdinal(ls, rs);
            return op switch
            {
                "==" => c == 0,
                "!=" => c != 0,
                "<" => c < 0,
                "<=" => c <= 0,
                ">" => c > 0,
                ">=" => c >= 0,
                _ => false,
            };
        }

        var equal = JsonNode.DeepEquals(left.Node, right.Node);
        return op switch
        {
            "==" => equal,
            "!=" => !equal,
            _ => false,
        };
    }

    internal static string Describe(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 256 ? string.Create(CultureInfo.InvariantCulture, $"{text[..256]}...") : text;
    }
}
