using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// A Choice rule. Top-level rules have <see cref="Next"/>; rules nested in And/Or/Not do not.
/// <see cref="Matches"/> throws <see cref="AslRuntimeException"/> (States.Runtime) when a compared variable or
/// operand path is missing; a type mismatch (e.g. StringEquals on a number) is simply false.
/// </summary>
public abstract class ChoiceRule
{
    private protected ChoiceRule()
    {
    }

    public string? Next { get; internal init; }

    public bool Matches(JsonNode? input, JsonNode? context) => Evaluate(input, context);

    private protected abstract bool Evaluate(JsonNode? input, JsonNode? context);
}

public sealed class AndRule : ChoiceRule
{
    internal AndRule(IReadOnlyList<ChoiceRule> rules) => Rules = rules;

    public IReadOnlyList<ChoiceRule> Rules { get; }

    private protected override bool Evaluate(JsonNode? input, JsonNode? context) => Rules.All(r => r.Matches(input, context));
}

public sealed class OrRule : ChoiceRule
{
    internal OrRule(IReadOnlyList<ChoiceRule> rules) => Rules = rules;

    public IReadOnlyList<ChoiceRule> Rules { get; }

    private protected override bool Evaluate(JsonNode? input, JsonNode? context) => Rules.Any(r => r.Matches(input, context));
}

public sealed class NotRule : ChoiceRule
{
    internal NotRule(ChoiceRule rule) => Rule = rule;

    public ChoiceRule Rule { get; }

    private protected override bool Evaluate(JsonNode? input, JsonNode? context) => !Rule.Matches(input, context);
}

/// <summary>A data-test expression: <c>Variable</c> compared with a literal operand or with the value at an operand path.</summary>
public sealed class ComparisonRule : ChoiceRule
{
    internal ComparisonRule(string variable, ComparisonOperator op, JsonNode? operand, string? operandPath)
    {
        Variable = variable;
        Operator = op;
        Operand = operand;
        OperandPath = operandPath;
    }

    public string Variable { get; }

    public ComparisonOperator Operator { get; }

    /// <summary>The literal operand (for non-*Path operators).</summary>
    public JsonNode? Operand { get; }

    /// <summary>The operand path (for *Path operators).</summary>
    public string? OperandPath { get; }

    private protected override bool Evaluate(JsonNode? input, JsonNode? context) =>
        ChoiceEvaluator.Evaluate(this, input, context);
}

/// <summary>Every Choice comparison operator; the *Path forms take the operand from a path.</summary>
public enum ComparisonOperator
{
    StringEquals,
    StringEqualsPath,
    StringLessThan,
    StringLessThanPath,
    StringGreaterThan,
    StringGreaterThanPath,
    StringLessThanEquals,
    StringLessThanEqualsPath,
    StringGreaterThanEquals,
    StringGreaterThanEqualsPath,
    StringMatches,
    NumericEquals,
    NumericEqualsPath,
    NumericLessThan,
    NumericLessThanPath,
    NumericGreaterThan,
    NumericGreaterThanPath,
    NumericLessThanEquals,
    NumericLessThanEqualsPath,
    NumericGreaterThanEquals,
    NumericGreaterThanEqualsPath,
    BooleanEquals,
    BooleanEqualsPath,
    TimestampEquals,
    TimestampEqualsPath,
    TimestampLessThan,
    TimestampLessThanPath,
    TimestampGreaterThan,
    TimestampGreaterThanPath,
    TimestampLessThanEquals,
    TimestampLessThanEqualsPath,
    TimestampGreaterThanEquals,
    TimestampGreaterThanEqualsPath,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}
