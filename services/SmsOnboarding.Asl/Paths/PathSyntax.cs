using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>A parsed JSONPath: a root ($, $$ or @ inside filters) followed by segments.</summary>
internal sealed record ParsedPath(string Text, bool IsContext, IReadOnlyList<PathSegment> Segments)
{
    /// <summary>Definite paths address at most one node and select it directly (not wrapped in an array).</summary>
    public bool IsDefinite => Segments.All(s => s is ChildSegment or IndexSegment);
}

internal abstract record PathSegment;

internal sealed record ChildSegment(string Name) : PathSegment;

internal sealed record IndexSegment(int Index) : PathSegment;

internal sealed record WildcardSegment : PathSegment;

internal sealed record UnionSegment(IReadOnlyList<object> Keys) : PathSegment; // string names or int indexes

internal sealed record SliceSegment(int? Start, int? End, int? Step) : PathSegment;

internal sealed record FilterSegment(FilterExpression Expression) : PathSegment;

/// <summary>Recursive descent ("..") followed by the segment applied at every level.</summary>
internal sealed record DescendantSegment(PathSegment Inner) : PathSegment;

internal abstract record FilterExpression;

internal sealed record FilterLiteral(JsonNode? Value) : FilterExpression;

internal sealed record FilterPath(ParsedPath Path, bool RelativeToCurrent) : FilterExpression;

internal sealed record FilterNot(FilterExpression Operand) : FilterExpression;

internal sealed record FilterBinary(string Operator, FilterExpression Left, FilterExpression Right) : FilterExpression;
