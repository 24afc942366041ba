using System.Text.Json.Nodes;
using SmsOnboarding.Asl;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>The interpreter: states, data flow, Retry/Catch, Parallel and Map.</summary>
internal sealed partial class Execution
{
    private void Start()
    {
        var s = Snapshot;
        Emit(null, HistoryEventType.ExecutionStarted, e => e.ExecutionStartedEventDetails = new ExecutionStartedEventDetails
        {
            Input = s.Input,
            InputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
            RoleArn = s.RoleArn,
        });
        _timers.Arm(0, TimerKind.ExecutionTimeout, s.TimeoutAt);
        var root = NewRun(null, 0, "", Definition("").StartAt, JsonNode.Parse(s.Input));
        root.LastEventId = s.LastEventId;
    }

    private StateMachineDefinition Definition(string path) => _engine.DefinitionAt(Snapshot.DefinitionId, path);

    private RunState NewRun(int? parentId, int slot, string path, string stateName, JsonNode? input)
    {
        var run = new RunState
        {
            Id = Snapshot.NextRunId++,
            ParentId = parentId,
            Slot = slot,
            DefinitionPath = path,
            StateName = stateName,
            Input = input,
            Phase = RunPhase.Ready,
            LastEventId = Snapshot.LastEventId,
        };
        Snapshot.Runs[run.Id] = run;
        _ready.Enqueue(run.Id);
        return run;
    }

    /// <summary>Enters states one after another until the run waits (task, timer, children) or ends.</summary>
    private void Advance(RunState run)
    {
        var state = Definition(run.DefinitionPath)[run.StateName];
        run.EnteredTime = Now;
        run.RetryCount = 0;
        run.RetrierCounts = null;
        run.Attempt = 0;
        run.TaskToken = state is TaskState ? TaskTokens.New(Snapshot.Id, run.Id) : null;
        run.EnteredEventId = Emit(run, state.Type + "StateEntered", e => e.StateEnteredEventDetails = new StateEnteredEventDetails
        {
            Name = state.Name,
            Input = Json(run.Input),
            InputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
        });
        Execute(run, state);
    }

    private void Execute(RunState run, StateDefinition state)
    {
        try
        {
            switch (state)
            {
                case PassState pass:
                    {
                        var context = Context(run);
                        var effective = DataFlow.EffectiveInput(pass, run.Input, context, _engine.Random);
                        Exit(run, state, DataFlow.StateOutput(pass, run.Input, DataFlow.PassResult(pass, effective), context, _engine.Random), pass.Next);
                        break;
                    }
                case ChoiceState choice:
                    {
                        var context = Context(run);
                        var effective = DataFlow.ApplyInputPath(choice, run.Input);
                        var next = choice.Choices.FirstOrDefault(c => c.Matches(effective, context))?.Next ?? choice.Default
                            ?? throw new AslRuntimeException(ErrorNames.NoChoiceMatched, $"No Matches! in Choice state '{choice.Name}'");
                        Exit(run, state, DataFlow.ApplyOutputPath(choice, effective), next);
                        break;
                    }
                case WaitState wait:
                    {
                        var effective = DataFlow.ApplyInputPath(wait, run.Input);
                        run.EffectiveInput = effective;
                        run.Phase = RunPhase.Waiting;
                        run.Due = WaitTime.DueAt(wait, effective, Now);
                        _timers.Arm(run.Id, TimerKind.Wait, run.Due.Value);
                        break;
                    }
                case SucceedState succeed:
                    Exit(run, state, DataFlow.ApplyOutputPath(succeed, DataFlow.ApplyInputPath(succeed, run.Input)), null);
                    break;
                case FailState fail:
                    {
                        var (error, cause) = DataFlow.FailDetails(fail, run.Input, Context(run), _engine.Random);
                        FailRun(run, error, cause);
                        break;
                    }
                case TaskState task:
                    ScheduleTask(run, task);
                    break;
                case ParallelState parallel:
                    StartParallel(run, parallel);
                    break;
                case MapState map:
                    StartMap(run, map);
                    break;
                default:
                    throw new AslRuntimeException(ErrorNames.Runtime, $"Unsupported state type {state.Type}.");
            }
        }
        catch (AslRuntimeException e)
        {
            HandleError(run, state, e.Error, e.Cause);
        }
    }

    /// <summary>Leaves the state with <paramref name="output"/>; continues with <paramref name="next"/> or ends the run.</summary>
    private void Exit(RunState run, StateDefinition state, JsonNode? output, string? next)
    {
        var text = Json(output);
        if (Utf8Length(text) > MaxPayloadBytes)
        {
            HandleError(run, state, ErrorNames.DataLimitExceeded,
                $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
            return;
        }
        Emit(run, state.Type + "StateExited", e => e.StateExitedEventDetails = new StateExitedEventDetails
        {
            Name = state.Name,
            Output = text,
            OutputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
        });
        _timers.Disarm(run);
        run.Phase = RunPhase.Ready;
        run.Due = null;
        run.TimeoutAt = null;
        run.HeartbeatAt = null;
        run.Results = null;
        run.Items = null;
        run.EffectiveInput = null;
        run.TaskInput = null;
        if (next is null)
        {
            CompleteRun(run, output, text);
            return;
        }
        run.StateName = next;
        run.Input = output;
        _ready.Enqueue(run.Id);
    }

    /// <summary>Retry, then Catch, then failure of the run (Step Functions' order).</summary>
    private void HandleError(RunState run, StateDefinition state, string error, string? cause)
    {
        _timers.Disarm(run);
        run.TimeoutAt = null;
        run.HeartbeatAt = null;
        _dispatcher.Cancel(run.Id);
        if (state is IHasErrorHandling handling)
        {
            var r = ErrorNames.FirstMatch(handling.Retry, x => x.ErrorEquals, error);
            if (r >= 0)
            {
                var retrier = handling.Retry[r];
                run.RetrierCounts ??= new int[handling.Retry.Count];
                if (retrier.AllowsRetry(run.RetrierCounts[r]))
                {
                    run.RetrierCounts[r]++;
                    run.RetryCount++;
                    run.Phase = RunPhase.RetryWaiting;
                    run.Due = Now + retrier.DelayBefore(run.RetrierCounts[r], _engine.Random());
                    _timers.Arm(run.Id, TimerKind.Retry, run.Due.Value);
                    return;
                }
            }
            var c = ErrorNames.FirstMatch(handling.Catch, x => x.ErrorEquals, error);
            if (c >= 0)
            {
                var catcher = handling.Catch[c];
                JsonNode? output;
                try
                {
                    output = DataFlow.CatcherOutput(catcher, run.Input, error, cause);
                }
                catch (AslRuntimeException e)
                {
                    FailRun(run, e.Error, e.Cause);
                    return;
                }
                run.Phase = RunPhase.Ready;
                Exit(run, state, output, catcher.Next);
                return;
            }
        }
        FailRun(run, error, cause);
    }

    private void CompleteRun(RunState run, JsonNode? output, string text)
    {
        if (run.ParentId is not { } parentId)
        {
            CloseExecution(ExecutionTrigger.Succeed, null, null, text);
            return;
        }
        Snapshot.Runs.Remove(run.Id);
        var parent = Snapshot.Runs[parentId];
        ChildFinished(parent, run.Slot, output, null, null);
    }

    private void FailRun(RunState run, string? error, string? cause)
    {
        if (run.ParentId is not { } parentId)
        {
            run.Phase = RunPhase.Failed;
            CloseExecution(ExecutionTrigger.Fail, error, cause, null);
            return;
        }
        _timers.Disarm(run);
        Snapshot.Runs.Remove(run.Id);
        _dispatcher.Cancel(run.Id);
        ChildFinished(Snapshot.Runs[parentId], run.Slot, null, error ?? ErrorNames.TaskFailed, cause);
    }

    // ---- Parallel and Map -----------------------------------------------------------------------------------

    private void StartParallel(RunState run, ParallelState parallel)
    {
        var effective = DataFlow.EffectiveInput(parallel, run.Input, Context(run), _engine.Random);
        run.Phase = RunPhase.AwaitingChildren;
        run.Results = [.. parallel.Branches.Select(_ => (JsonNode?)null)];
        run.Pending = parallel.Branches.Count;
        Emit(run, HistoryEventType.ParallelStateStarted);
        for (var i = 0; i < parallel.Branches.Count; i++)
        {
            NewRun(run.Id, i, $"{run.DefinitionPath}/{parallel.Name}/{i}", parallel.Branches[i].StartAt, effective?.DeepClone());
        }
    }

    private void StartMap(RunState run, MapState map)
    {
        var effective = DataFlow.ApplyInputPath(map, run.Input);
        var items = MapSettings.Items(map, effective);
        run.EffectiveInput = effective;
        run.Items = items;
        run.MaxConcurrency = MapSettings.MaxConcurrency(map, effective);
        run.Results = [.. items.Select(_ => (JsonNode?)null)];
        run.Pending = 0;
        run.NextItem = 0;
        run.FailedCount = 0;
        run.Phase = RunPhase.AwaitingChildren;
        Emit(run, HistoryEventType.MapStateStarted, e => e.MapStateStartedEventDetails = new MapStateStartedEventDetails { Length = items.Count });
        if (items.Count == 0)
        {
            FinishMap(run, map);
            return;
        }
        StartMoreItems(run, map);
    }

    private void StartMoreItems(RunState run, MapState map)
    {
        var items = run.Items!;
        var context = Context(run);
        while (run.NextItem < items.Count && (run.MaxConcurrency == 0 || run.Pending < run.MaxConcurrency))
        {
            var index = run.NextItem++;
            var input = MapSettings.ItemInput(map, run.EffectiveInput, context, items[index], index, _engine.Random);
            Emit(run, HistoryEventType.MapIterationStarted, e => e.MapIterationStartedEventDetails = new MapIterationEventDetails { Name = map.Name, Index = index });
            run.Pending++;
            NewRun(run.Id, index, $"{run.DefinitionPath}/{map.Name}/items", map.ItemProcessor.StartAt, input);
        }
    }

    private void ChildFinished(RunState parent, int slot, JsonNode? output, string? error, string? cause)
    {
        var state = Definition(parent.DefinitionPath)[parent.StateName];
        try
        {
            if (state is ParallelState parallel)
            {
                if (error is not null)
                {
                    Emit(parent, HistoryEventType.ParallelStateFailed);
                    AbandonChildren(parent);
                    HandleError(parent, parallel, error, cause);
                    return;
                }
                parent.Results![slot] = output;
                if (--parent.Pending == 0)
                {
                    Emit(parent, HistoryEventType.ParallelStateSucceeded);
                    var results = parent.Results;
                    Exit(parent, parallel, DataFlow.StateOutput(parallel, parent.Input, results, Context(parent), _engine.Random), parallel.Next);
                }
                return;
            }
            var map = (MapState)state;
            parent.Pending--;
            if (error is not null)
            {
                Emit(parent, HistoryEventType.MapIterationFailed, e => e.MapIterationFailedEventDetails = new MapIterationEventDetails { Name = map.Name, Index = slot });
                parent.FailedCount++;
                parent.Results![slot] = DataFlow.ErrorOutput(error, cause);
                if (MapSettings.ExceedsToleratedFailure(map, parent.EffectiveInput, parent.FailedCount, parent.Items!.Count))
                {
                    Emit(parent, HistoryEventType.MapStateFailed);
                    AbandonChildren(parent);
                    var tolerance = map.ToleratedFailureCount is not null || map.ToleratedFailurePercentage is not null
                        || map.ToleratedFailureCountPath is not null || map.ToleratedFailurePercentagePath is not null;
                    HandleError(parent, map, tolerance ? ErrorNames.ExceedToleratedFailureThreshold : error,
                        tolerance ? "The specified tolerated failure threshold was exceeded" : cause);
                    return;
                }
            }
            else
            {
                Emit(parent, HistoryEventType.MapIterationSucceeded, e => e.MapIterationSucceededEventDetails = new MapIterationEventDetails { Name = map.Name, Index = slot });
                parent.Results![slot] = output;
            }
            StartMoreItems(parent, map);
            if (parent.Pending == 0 && parent.NextItem >= parent.Items!.Count)
            {
                FinishMap(parent, map);
            }
        }
        catch (AslRuntimeException e)
        {
            HandleError(parent, state, e.Error, e.Cause);
        }
    }

    private void FinishMap(RunState run, MapState map)
    {
        Emit(run, HistoryEventType.MapStateSucceeded);
        Exit(run, map, DataFlow.StateOutput(map, run.Input, run.Results, Context(run), _engine.Random), map.Next);
    }

    private void AbandonChildren(RunState parent)
    {
        foreach (var child in Snapshot.Runs.Values.Where(r => r.ParentId == parent.Id).ToList())
        {
            AbandonChildren(child);
            _timers.Disarm(child);
            _dispatcher.Cancel(child.Id);
            Snapshot.Runs.Remove(child.Id);
        }
    }
}
