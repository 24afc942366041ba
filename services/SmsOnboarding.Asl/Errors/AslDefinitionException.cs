namespace SmsOnboarding.Asl;

/// <summary>One reason a definition is invalid, located by a JSON pointer into the definition.</summary>
/// <param name="Pointer">JSON pointer, e.g. <c>/States/Wait/Seconds</c>; empty for the whole document.</param>
/// <param name="StateName">The (innermost) state the problem belongs to, if any.</param>
/// <param name="Message">Step Functions style text: <c>CODE: detail at /pointer</c>.</param>
public sealed record DefinitionProblem(string Pointer, string? StateName, string Message);

/// <summary>Thrown by <see cref="StateMachineDefinition.Parse(string)"/> with every problem found.</summary>
public sealed class AslDefinitionException : Exception
{
    public AslDefinitionException(IReadOnlyList<DefinitionProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public AslDefinitionException()
        : this([])
    {
    }

    public AslDefinitionException(string message)
        : this([new DefinitionProblem("", null, message)])
    {
    }

    public AslDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new DefinitionProblem("", null, message)];
    }

    public IReadOnlyList<DefinitionProblem> Problems { get; }

    private static string Describe(IReadOnlyList<DefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "Invalid State Machine Definition",
            1 => $"Invalid State Machine Definition: '{problems[0].Message}'",
            _ => $"Invalid State Machine Definition: {problems.Count} problems: "
                 + string.Join(", ", problems.Select(p => $"'{p.Message}'")),
        };
    }
}
