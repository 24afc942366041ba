using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>Execution lifecycle states (wire names as Step Functions' ExecutionStatus).</summary>
internal enum ExecutionStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

/// <summary>Where one run (the root, a Parallel branch or a Map iteration) stands in its current state.</summary>
internal enum RunPhase
{
    Ready,
    TaskScheduled,
    TaskStarted,
    RetryWaiting,
    Waiting,
    AwaitingChildren,
    Failed,
}

/// <summary>The durable state of one execution: committed as one row after every batch of transitions.</summary>
internal sealed class ExecutionSnapshot
{
    public long Id { get; set; }
    public string Arn { get; set; } = "";
    public string Name { get; set; } = "";
    public string StateMachineArn { get; set; } = "";
    public long DefinitionId { get; set; }
    public string? RoleArn { get; set; }
    public string Input { get; set; } = "{}";
    public ExecutionStatus Status { get; set; }
    public DateTimeOffset StartDate { get; set; }
    public DateTimeOffset? StopDate { get; set; }
    public string? Output { get; set; }
    public string? Error { get; set; }
    public string? Cause { get; set; }
    public long LastEventId { get; set; }
    public int RedriveCount { get; set; }
    public DateTimeOffset? RedriveDate { get; set; }
    public DateTimeOffset TimeoutAt { get; set; }
    public int NextRunId { get; set; }
    public Dictionary<int, RunState> Runs { get; set; } = [];
}

/// <summary>One thread of control inside an execution: the root definition, a Parallel branch or a Map iteration.</summary>
internal sealed class RunState
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public int Slot { get; set; }
    /// <summary>"" for the root; parent path + "/" + state name + "/" + branch index (Parallel) or "/items" (Map).</summary>
    public string DefinitionPath { get; set; } = "";
    public string StateName { get; set; } = "";
    public JsonNode? Input { get; set; }
    public RunPhase Phase { get; set; }
    public long EnteredEventId { get; set; }
    public long LastEventId { get; set; }
    public DateTimeOffset EnteredTime { get; set; }
    public int RetryCount { get; set; }
    public int[]? RetrierCounts { get; set; }
    public int Attempt { get; set; }
    public DateTimeOffset? Due { get; set; }
    public DateTimeOffset? TimeoutAt { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public int? HeartbeatSeconds { get; set; }
    public string? TaskToken { get; set; }
    public JsonNode? TaskInput { get; set; }
    public bool HandlerReturned { get; set; }
    public bool ActivityStarted { get; set; }

    // Parallel / Map parents
    public JsonArray? Results { get; set; }
    public int Pending { get; set; }
    public int FailedCount { get; set; }
    public int NextItem { get; set; }
    public JsonArray? Items { get; set; }
    public int MaxConcurrency { get; set; }
    public JsonNode? EffectiveInput { get; set; }
    public string? FirstError { get; set; }
    public string? FirstCause { get; set; }

    /// <summary>
    /// The run's task lifecycle, built on its first Task state and kept for the next ones: it reads and writes
    /// <see cref="Phase"/>, so it holds nothing of a particular state, and building a Stateless machine on every Task
    /// entry was a sizeable part of the allocations per transition.
    /// </summary>
    [JsonIgnore]
    public Stateless.StateMachine<RunPhase, TaskTrigger>? TaskMachine { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ExecutionSnapshot))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
