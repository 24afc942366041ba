using System.Runtime.CompilerServices;
using SmsOnboarding.Asl;
using SmsOnboarding.Asl.Diagram;

namespace SmsOnboarding.Api.Workflow;

/// <summary>The laid-out diagram of a definition, or why there is none.</summary>
public sealed record DiagramAnswer(WorkflowDiagram? Diagram, string? Problem);

/// <summary>
/// Lays out the served definition once: the runtime's definition text never changes while the process runs,
/// so the layout is cached against that string instance.
/// </summary>
public static class WorkflowDiagrams
{
    private static readonly ConditionalWeakTable<string, DiagramAnswer> Cache = [];

    public static DiagramAnswer For(string definitionJson)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        return Cache.GetValue(definitionJson, Layout);
    }

    private static DiagramAnswer Layout(string definitionJson)
    {
        try
        {
            return new DiagramAnswer(WorkflowDiagram.Of(StateMachineDefinition.Parse(definitionJson)), null);
        }
        catch (AslDefinitionException e)
        {
            // A deployed definition using ASL our parser rejects still gets the state list, just no picture.
            return new DiagramAnswer(null, "The definition could not be laid out: " + e.Message);
        }
    }
}
