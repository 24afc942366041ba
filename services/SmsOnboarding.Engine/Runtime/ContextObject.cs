using System.Globalization;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>The context object ($$) of one execution: built once, its State (and Task) part refreshed per state.</summary>
internal sealed class ContextObject(ExecutionSnapshot snapshot, string stateMachineName)
{
    private JsonObject? _context;

    public JsonObject For(RunState run)
    {
        var s = snapshot;
        _context ??= new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = s.Arn,
                ["Input"] = JsonNode.Parse(s.Input),
                ["Name"] = s.Name,
                ["RoleArn"] = s.RoleArn,
                ["StartTime"] = Iso(s.StartDate),
                ["RedriveCount"] = s.RedriveCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = s.StateMachineArn,
                ["Name"] = stateMachineName,
            },
        };
        ((JsonObject)_context["Execution"]!)["RedriveCount"] = s.RedriveCount;
        _context["State"] = new JsonObject
        {
            ["EnteredTime"] = Iso(run.EnteredTime),
            ["Name"] = run.StateName,
            ["RetryCount"] = run.RetryCount,
        };
        if (run.TaskToken is { } token)
        {
            _context["Task"] = new JsonObject { ["Token"] = token };
        }
        else
        {
            _context.Remove("Task");
        }
        return _context;
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
