using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Persistence;
using SmsOnboarding.Engine.Runtime;
using ExecutionStatus = SmsOnboarding.Engine.Runtime.ExecutionStatus;

namespace SmsOnboarding.Engine;

/// <summary>Executions: start, describe, list, history, stop, redrive, task callbacks and activity polls.</summary>
public sealed partial class StepFunctionsEngine
{
    public async Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.StateMachineArn, "stateMachineArn");
        ThrowIfFaulted();
        var machineArn = request.StateMachineArn!;
        CheckArn(machineArn, "stateMachine");
        var name = request.Name ?? Guid.NewGuid().ToString();
        CheckName(name);
        var input = request.Input ?? "{}";
        if (Encoding.UTF8.GetByteCount(input) > Execution.MaxPayloadBytes)
        {
            throw new StepFunctionsException("InvalidExecutionInput", "Invalid Execution Input: the input exceeds the maximum size of 262144 bytes.");
        }
        try
        {
            JsonNode.Parse(input);
        }
        catch (JsonException e)
        {
            throw new StepFunctionsException("InvalidExecutionInput", $"Invalid Execution Input: {e.Message}");
        }
        var machine = await FindStateMachineAsync(machineArn, cancellationToken).ConfigureAwait(false) ?? throw StateMachineDoesNotExist(machineArn);
        var definitionId = await FindStateMachineDefinitionIdAsync(machineArn, cancellationToken).ConfigureAwait(false) ?? throw StateMachineDoesNotExist(machineArn);
        var arn = $"arn:aws:states:{Options.Region}:{Options.AccountId}:execution:{machine.Name}:{name}";
        var now = Clock.GetUtcNow();
        var snapshot = new ExecutionSnapshot
        {
            Id = Interlocked.Increment(ref _nextExecutionId),
            Arn = arn,
            Name = name,
            StateMachineArn = machineArn,
            DefinitionId = definitionId,
            RoleArn = machine.RoleArn,
            Input = input,
            Status = ExecutionStatus.Running,
            StartDate = now,
            TimeoutAt = ExecutionDeadline(definitionId, now),
        };
        var execution = new Execution(this, snapshot, machine.Name);
        if (!_activeByArn.TryAdd(arn, execution))
        {
            // Step Functions: the same name and input as a RUNNING execution returns that execution.
            var running = _activeByArn.GetValueOrDefault(arn);
            if (running is not null && running.Snapshot.Input == input)
            {
                await running.Started.ConfigureAwait(false);
                return new StartExecutionResponse { ExecutionArn = arn, StartDate = running.Snapshot.StartDate.UtcDateTime };
            }
            throw new StepFunctionsException("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");
        }
        if (await ExecutionExistsAsync(arn, cancellationToken).ConfigureAwait(false))
        {
            _activeByArn.TryRemove(arn, out _);
            throw new StepFunctionsException("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");
        }
        _active[snapshot.Id] = execution;
        execution.Post(new StartMessage(execution.StartedSource));
        await execution.Started.ConfigureAwait(false);
        return new StartExecutionResponse { ExecutionArn = arn, StartDate = now.UtcDateTime };
    }

    public async Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ExecutionArn, "executionArn");
        var s = await LoadExecutionAsync(request.ExecutionArn!, cancellationToken).ConfigureAwait(false);
        var redrivable = s.Status is ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted;
        return new DescribeExecutionResponse
        {
            ExecutionArn = s.Arn,
            StateMachineArn = s.StateMachineArn,
            Name = s.Name,
            Status = Execution.Wire(s.Status),
            StartDate = s.StartDate.UtcDateTime,
            StopDate = s.StopDate?.UtcDateTime,
            Input = s.Input,
            InputDetails = new CloudWatchEventsExecutionDataDetails { Included = true },
            Output = s.Output,
            OutputDetails = s.Output is null ? null : new CloudWatchEventsExecutionDataDetails { Included = true },
            Error = s.Error,
            Cause = s.Cause,
            RedriveCount = s.RedriveCount,
            RedriveDate = s.RedriveDate?.UtcDateTime,
            RedriveStatus = redrivable ? ExecutionRedriveStatus.REDRIVABLE : ExecutionRedriveStatus.NOT_REDRIVABLE,
            RedriveStatusReason = redrivable ? null : s.Status == ExecutionStatus.Running ? "Execution is RUNNING and cannot be redriven" : "Execution is SUCCEEDED and cannot be redriven",
        };
    }

    /// <summary>Waits until the execution has closed and returns its description (for tests and in-process callers).</summary>
    public async Task<DescribeExecutionResponse> WaitForExecutionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        if (_activeByArn.TryGetValue(executionArn, out var execution))
        {
            await execution.Closed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.StateMachineArn, "stateMachineArn");
        CheckArn(request.StateMachineArn!, "stateMachine");
        var (limit, after) = Page(request.MaxResults, request.NextToken);
        string? status = request.StatusFilter switch
        {
            null => null,
            "RUNNING" => nameof(ExecutionStatus.Running),
            "SUCCEEDED" => nameof(ExecutionStatus.Succeeded),
            "FAILED" => nameof(ExecutionStatus.Failed),
            "TIMED_OUT" => nameof(ExecutionStatus.TimedOut),
            "ABORTED" => nameof(ExecutionStatus.Aborted),
            "PENDING_REDRIVE" => "none",
            var other => throw new StepFunctionsException("ValidationException", $"Invalid statusFilter '{other}'."),
        };
        var items = new List<ExecutionListItem>();
        string? next = null;
        long last = after == 0 ? long.MaxValue : after;
        await QueryAsync("SELECT id, snapshot FROM executions WHERE sm_arn = $sm AND id < $before AND ($status IS NULL OR status = $status) ORDER BY id DESC LIMIT $limit",
            p =>
            {
                p.AddWithValue("$sm", request.StateMachineArn);
                p.AddWithValue("$before", after == 0 ? long.MaxValue : after);
                p.AddWithValue("$status", (object?)status ?? DBNull.Value);
                p.AddWithValue("$limit", limit + 1);
            },
            r =>
            {
                if (items.Count == limit)
                {
                    next = Token(last);
                    return;
                }
                last = r.GetInt64(0);
                var s = JsonSerializer.Deserialize(r.GetString(1), SnapshotJsonContext.Default.ExecutionSnapshot)!;
                items.Add(new ExecutionListItem
                {
                    ExecutionArn = s.Arn,
                    StateMachineArn = s.StateMachineArn,
                    Name = s.Name,
                    Status = Execution.Wire(s.Status),
                    StartDate = s.StartDate.UtcDateTime,
                    StopDate = s.StopDate?.UtcDateTime,
                    RedriveCount = s.RedriveCount,
                    RedriveDate = s.RedriveDate?.UtcDateTime,
                });
            }, cancellationToken).ConfigureAwait(false);
        return new ListExecutionsResponse { Executions = items, NextToken = next };
    }

    public async Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ExecutionArn, "executionArn");
        var id = await ExecutionIdAsync(request.ExecutionArn!, cancellationToken).ConfigureAwait(false);
        var (limit, after) = Page(request.MaxResults, request.NextToken);
        var reverse = request.ReverseOrder == true;
        var include = request.IncludeExecutionData != false;
        var events = new List<HistoryEvent>();
        string? next = null;
        long last = after;
        var sql = reverse
            ? "SELECT id, body FROM history WHERE execution_id = $e AND id < $after ORDER BY id DESC LIMIT $limit"
            : "SELECT id, body FROM history WHERE execution_id = $e AND id > $after ORDER BY id LIMIT $limit";
        await QueryAsync(sql,
            p =>
            {
                p.AddWithValue("$e", id);
                p.AddWithValue("$after", reverse && after == 0 ? long.MaxValue : after);
                p.AddWithValue("$limit", limit + 1);
            },
            r =>
            {
                if (events.Count == limit)
                {
                    next = Token(last);
                    return;
                }
                last = r.GetInt64(0);
                var e = JsonSerializer.Deserialize(r.GetString(1), StepFunctionsJsonContext.Default.HistoryEvent)!;
                if (!include)
                {
                    HistoryData.Strip(e);
                }
                events.Add(e);
            }, cancellationToken).ConfigureAwait(false);
        return new GetExecutionHistoryResponse { Events = events, NextToken = next };
    }

    public async Task<StopExecutionResponse> StopExecutionAsync(StopExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ExecutionArn, "executionArn");
        if (_activeByArn.TryGetValue(request.ExecutionArn!, out var execution))
        {
            var reply = new TaskCompletionSource<StepFunctionsException?>(TaskCreationOptions.RunContinuationsAsynchronously);
            execution.Post(new StopMessage(request.Error, request.Cause, reply));
            if (await reply.Task.ConfigureAwait(false) is { } error)
            {
                throw error;
            }
        }
        var s = await LoadExecutionAsync(request.ExecutionArn!, cancellationToken).ConfigureAwait(false);
        return new StopExecutionResponse { StopDate = (s.StopDate ?? Clock.GetUtcNow()).UtcDateTime };
    }

    public async Task<RedriveExecutionResponse> RedriveExecutionAsync(RedriveExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ExecutionArn, "executionArn");
        var arn = request.ExecutionArn!;
        var snapshot = await LoadExecutionAsync(arn, cancellationToken).ConfigureAwait(false);
        if (snapshot.Status is ExecutionStatus.Running or ExecutionStatus.Succeeded || _activeByArn.ContainsKey(arn))
        {
            throw new StepFunctionsException("ExecutionNotRedrivable", $"Execution '{arn}' cannot be redriven: its status is {Execution.Wire(snapshot.Status)}.");
        }
        var execution = new Execution(this, snapshot, StateMachineNameOf(snapshot.StateMachineArn));
        if (!_activeByArn.TryAdd(arn, execution))
        {
            throw new StepFunctionsException("ExecutionNotRedrivable", $"Execution '{arn}' is already being redriven.");
        }
        _active[snapshot.Id] = execution;
        var reply = new TaskCompletionSource<StepFunctionsException?>(TaskCreationOptions.RunContinuationsAsynchronously);
        execution.Post(new RedriveMessage(reply));
        if (await reply.Task.ConfigureAwait(false) is { } error)
        {
            _active.TryRemove(snapshot.Id, out _);
            _activeByArn.TryRemove(arn, out _);
            throw error;
        }
        return new RedriveExecutionResponse { RedriveDate = execution.Snapshot.RedriveDate!.Value.UtcDateTime };
    }

    public Task<SendTaskSuccessResponse> SendTaskSuccessAsync(SendTaskSuccessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.TaskToken, "taskToken");
        Require(request.Output, "output");
        JsonNode? output;
        try
        {
            output = JsonNode.Parse(request.Output!);
        }
        catch (JsonException e)
        {
            throw new StepFunctionsException("InvalidOutput", $"Invalid Output: {e.Message}");
        }
        if (Encoding.UTF8.GetByteCount(request.Output!) > Execution.MaxPayloadBytes)
        {
            throw new StepFunctionsException("InvalidOutput", "Invalid Output: the output exceeds the maximum size of 262144 bytes.");
        }
        return CallbackAsync(request.TaskToken!, CallbackKind.Success, output, null, null, new SendTaskSuccessResponse());
    }

    public Task<SendTaskFailureResponse> SendTaskFailureAsync(SendTaskFailureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.TaskToken, "taskToken");
        return CallbackAsync(request.TaskToken!, CallbackKind.Failure, null, request.Error, request.Cause, new SendTaskFailureResponse());
    }

    public Task<SendTaskHeartbeatResponse> SendTaskHeartbeatAsync(SendTaskHeartbeatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.TaskToken, "taskToken");
        return CallbackAsync(request.TaskToken!, CallbackKind.Heartbeat, null, null, null, new SendTaskHeartbeatResponse());
    }

    private async Task<T> CallbackAsync<T>(string token, CallbackKind kind, JsonNode? output, string? error, string? cause, T response)
    {
        ThrowIfFaulted();
        if (TaskTokens.Parse(token) is not { } parsed)
        {
            throw new StepFunctionsException("InvalidToken", "Invalid Token: the task token is malformed.");
        }
        if (!_active.TryGetValue(parsed.ExecutionId, out var execution))
        {
            throw new StepFunctionsException("TaskTimedOut", "Task Timed Out: the execution of this task is not running.");
        }
        var reply = new TaskCompletionSource<StepFunctionsException?>(TaskCreationOptions.RunContinuationsAsynchronously);
        execution.Post(new CallbackMessage(parsed.RunId, token, kind, output, error, cause, reply));
        if (await reply.Task.ConfigureAwait(false) is { } failure)
        {
            throw failure;
        }
        return response;
    }

    public async Task<GetActivityTaskResponse> GetActivityTaskAsync(GetActivityTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ActivityArn, "activityArn");
        var arn = request.ActivityArn!;
        CheckArn(arn, "activity");
        _ = await FindActivityAsync(arn, cancellationToken).ConfigureAwait(false)
            ?? throw new StepFunctionsException("ActivityDoesNotExist", $"Activity Does Not Exist: '{arn}'");
        var work = await Activities.TakeAsync(arn, Options.ActivityPollTimeout, Clock, cancellationToken).ConfigureAwait(false);
        if (work is null)
        {
            return new GetActivityTaskResponse();
        }
        work.Execution.Post(new ActivityStartedMessage(work.RunId, work.Attempt, request.WorkerName));
        return new GetActivityTaskResponse { TaskToken = work.TaskToken, Input = work.Input };
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private async Task<ExecutionSnapshot> LoadExecutionAsync(string arn, CancellationToken cancellationToken)
    {
        CheckArn(arn, "execution");
        ExecutionSnapshot? snapshot = null;
        await QueryAsync("SELECT snapshot FROM executions WHERE arn = $arn", p => p.AddWithValue("$arn", arn),
            r => snapshot = JsonSerializer.Deserialize(r.GetString(0), SnapshotJsonContext.Default.ExecutionSnapshot), cancellationToken).ConfigureAwait(false);
        return snapshot ?? throw new StepFunctionsException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");
    }

    private async Task<long> ExecutionIdAsync(string arn, CancellationToken cancellationToken)
    {
        CheckArn(arn, "execution");
        long? id = null;
        await QueryAsync("SELECT id FROM executions WHERE arn = $arn", p => p.AddWithValue("$arn", arn), r => id = r.GetInt64(0), cancellationToken).ConfigureAwait(false);
        return id ?? throw new StepFunctionsException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");
    }

    private async Task<bool> ExecutionExistsAsync(string arn, CancellationToken cancellationToken)
    {
        var found = false;
        await QueryAsync("SELECT 1 FROM executions WHERE arn = $arn", p => p.AddWithValue("$arn", arn), _ => found = true, cancellationToken).ConfigureAwait(false);
        return found;
    }
}
