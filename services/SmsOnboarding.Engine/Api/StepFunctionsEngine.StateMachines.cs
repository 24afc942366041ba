using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using SmsOnboarding.Asl;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Persistence;

namespace SmsOnboarding.Engine;

/// <summary>State machines and activities (Create/Update/Describe/List/Delete).</summary>
public sealed partial class StepFunctionsEngine
{
    private const string InvalidArnCode = "InvalidArn";

    public async Task<CreateStateMachineResponse> CreateStateMachineAsync(CreateStateMachineRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Name, "name");
        Require(request.Definition, "definition");
        Require(request.RoleArn, "roleArn");
        CheckName(request.Name!);
        CheckDefinition(request.Definition!);
        if (request.Type is { } type && type != StateMachineType.STANDARD)
        {
            throw new StepFunctionsException("StateMachineTypeNotSupported", $"Only STANDARD state machines are supported by the embedded engine, not {type}.");
        }
        var arn = $"arn:aws:states:{Options.Region}:{Options.AccountId}:stateMachine:{request.Name}";
        var now = Clock.GetUtcNow();
        var existing = await FindStateMachineAsync(arn, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            // Step Functions: CreateStateMachine is idempotent when every parameter is the same.
            if (existing.Definition == request.Definition && existing.RoleArn == request.RoleArn)
            {
                return new CreateStateMachineResponse { StateMachineArn = arn, CreationDate = existing.Created.UtcDateTime };
            }
            throw new StepFunctionsException("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");
        }
        var definition = request.Definition!;
        var roleArn = request.RoleArn!;
        var name = request.Name!;
        string? description = null;
        await Writer.WriteAsync(c =>
        {
            var id = StoreDefinition(c, definition);
            using var insert = c.Command("INSERT INTO state_machines(arn, name, definition_id, role_arn, type, created, revision, description) " +
                                         "VALUES($arn, $name, $d, $role, 'STANDARD', $created, $rev, $desc)");
            insert.Parameters.AddWithValue("$arn", arn);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$d", id);
            insert.Parameters.AddWithValue("$role", roleArn);
            insert.Parameters.AddWithValue("$created", EngineDatabase.ToMillis(now));
            insert.Parameters.AddWithValue("$rev", Guid.NewGuid().ToString());
            insert.Parameters.AddWithValue("$desc", (object?)description ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }).ConfigureAwait(false);
        return new CreateStateMachineResponse { StateMachineArn = arn, CreationDate = now.UtcDateTime };
    }

    public async Task<UpdateStateMachineResponse> UpdateStateMachineAsync(UpdateStateMachineRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.StateMachineArn, "stateMachineArn");
        if (request.Definition is null && request.RoleArn is null)
        {
            throw new StepFunctionsException("MissingRequiredParameter", "Either the definition or the roleArn must be specified.");
        }
        if (request.Definition is { } d)
        {
            CheckDefinition(d);
        }
        var arn = request.StateMachineArn!;
        _ = await FindStateMachineAsync(arn, cancellationToken).ConfigureAwait(false) ?? throw StateMachineDoesNotExist(arn);
        var now = Clock.GetUtcNow();
        var revision = Guid.NewGuid().ToString();
        await Writer.WriteAsync(c =>
        {
            using var update = c.Command("UPDATE state_machines SET definition_id = COALESCE($d, definition_id), role_arn = COALESCE($role, role_arn), revision = $rev WHERE arn = $arn");
            update.Parameters.AddWithValue("$d", request.Definition is { } body ? StoreDefinition(c, body) : DBNull.Value);
            update.Parameters.AddWithValue("$role", (object?)request.RoleArn ?? DBNull.Value);
            update.Parameters.AddWithValue("$rev", revision);
            update.Parameters.AddWithValue("$arn", arn);
            update.ExecuteNonQuery();
        }).ConfigureAwait(false);
        return new UpdateStateMachineResponse { UpdateDate = now.UtcDateTime, RevisionId = revision };
    }

    public async Task<DescribeStateMachineResponse> DescribeStateMachineAsync(DescribeStateMachineRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.StateMachineArn, "stateMachineArn");
        var machine = await FindStateMachineAsync(request.StateMachineArn!, cancellationToken).ConfigureAwait(false)
            ?? throw StateMachineDoesNotExist(request.StateMachineArn!);
        return new DescribeStateMachineResponse
        {
            StateMachineArn = machine.Arn,
            Name = machine.Name,
            Status = StateMachineStatus.ACTIVE,
            Definition = machine.Definition,
            RoleArn = machine.RoleArn,
            Type = StateMachineType.STANDARD,
            CreationDate = machine.Created.UtcDateTime,
            Description = machine.Description,
            RevisionId = machine.Revision,
            LoggingConfiguration = new LoggingConfiguration { Level = LogLevel.OFF, IncludeExecutionData = false },
            TracingConfiguration = new TracingConfiguration { Enabled = false },
        };
    }

    public async Task<ListStateMachinesResponse> ListStateMachinesAsync(ListStateMachinesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (items, next) = await ListNamedAsync("state_machines", request.MaxResults, request.NextToken,
            (arn, name, created) => new StateMachineListItem { StateMachineArn = arn, Name = name, Type = StateMachineType.STANDARD, CreationDate = created },
            cancellationToken).ConfigureAwait(false);
        return new ListStateMachinesResponse { StateMachines = items, NextToken = next };
    }

    public async Task<DeleteStateMachineResponse> DeleteStateMachineAsync(DeleteStateMachineRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.StateMachineArn, "stateMachineArn");
        var arn = request.StateMachineArn!;
        CheckArn(arn, "stateMachine");
        await Writer.WriteAsync(c =>
        {
            using var delete = c.Command("DELETE FROM state_machines WHERE arn = $arn");
            delete.Parameters.AddWithValue("$arn", arn);
            delete.ExecuteNonQuery();
        }).ConfigureAwait(false);
        return new DeleteStateMachineResponse();
    }

    public async Task<DescribeStateMachineForExecutionResponse> DescribeStateMachineForExecutionAsync(DescribeStateMachineForExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ExecutionArn, "executionArn");
        var snapshot = await LoadExecutionAsync(request.ExecutionArn!, cancellationToken).ConfigureAwait(false);
        var machine = await FindStateMachineAsync(snapshot.StateMachineArn, cancellationToken).ConfigureAwait(false);
        return new DescribeStateMachineForExecutionResponse
        {
            StateMachineArn = snapshot.StateMachineArn,
            Name = StateMachineNameOf(snapshot.StateMachineArn),
            Definition = DefinitionBody(snapshot.DefinitionId),
            RoleArn = snapshot.RoleArn ?? machine?.RoleArn,
            UpdateDate = (machine?.Created ?? snapshot.StartDate).UtcDateTime,
            RevisionId = machine?.Revision,
            LoggingConfiguration = new LoggingConfiguration { Level = LogLevel.OFF, IncludeExecutionData = false },
            TracingConfiguration = new TracingConfiguration { Enabled = false },
        };
    }

    // ---- activities -----------------------------------------------------------------------------------------

    public async Task<CreateActivityResponse> CreateActivityAsync(CreateActivityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Name, "name");
        CheckName(request.Name!);
        var arn = $"arn:aws:states:{Options.Region}:{Options.AccountId}:activity:{request.Name}";
        var now = Clock.GetUtcNow();
        if (await FindActivityAsync(arn, cancellationToken).ConfigureAwait(false) is { } created)
        {
            return new CreateActivityResponse { ActivityArn = arn, CreationDate = created.UtcDateTime };
        }
        var name = request.Name!;
        await Writer.WriteAsync(c =>
        {
            using var insert = c.Command("INSERT OR IGNORE INTO activities(arn, name, created) VALUES($arn, $name, $created)");
            insert.Parameters.AddWithValue("$arn", arn);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$created", EngineDatabase.ToMillis(now));
            insert.ExecuteNonQuery();
        }).ConfigureAwait(false);
        return new CreateActivityResponse { ActivityArn = arn, CreationDate = now.UtcDateTime };
    }

    public async Task<DescribeActivityResponse> DescribeActivityAsync(DescribeActivityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ActivityArn, "activityArn");
        var arn = request.ActivityArn!;
        CheckArn(arn, "activity");
        var created = await FindActivityAsync(arn, cancellationToken).ConfigureAwait(false)
            ?? throw new StepFunctionsException("ActivityDoesNotExist", $"Activity Does Not Exist: '{arn}'");
        return new DescribeActivityResponse { ActivityArn = arn, Name = StateMachineNameOf(arn), CreationDate = created.UtcDateTime };
    }

    public async Task<ListActivitiesResponse> ListActivitiesAsync(ListActivitiesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (items, next) = await ListNamedAsync("activities", request.MaxResults, request.NextToken,
            (arn, name, created) => new ActivityListItem { ActivityArn = arn, Name = name, CreationDate = created },
            cancellationToken).ConfigureAwait(false);
        return new ListActivitiesResponse { Activities = items, NextToken = next };
    }

    // State machines and activities share one page shape: rowid order, a token that names the last rowid.
    private async Task<(List<T> Items, string? Next)> ListNamedAsync<T>(
        string table, int? maxResults, string? nextToken, Func<string, string, DateTime, T> map, CancellationToken cancellationToken)
    {
        var (limit, after) = Page(maxResults, nextToken);
        var items = new List<T>();
        string? next = null;
        long last = after;
        await QueryAsync($"SELECT arn, name, created, rowid FROM {table} WHERE rowid > $after ORDER BY rowid LIMIT $limit",
            p => { p.AddWithValue("$after", after); p.AddWithValue("$limit", limit + 1); },
            r =>
            {
                if (items.Count == limit)
                {
                    next = Token(last);
                    return;
                }
                last = r.GetInt64(3);
                items.Add(map(r.GetString(0), r.GetString(1), EngineDatabase.FromMillis(r.GetInt64(2)).UtcDateTime));
            }, cancellationToken).ConfigureAwait(false);
        return (items, next);
    }

    public async Task<DeleteActivityResponse> DeleteActivityAsync(DeleteActivityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ActivityArn, "activityArn");
        var arn = request.ActivityArn!;
        CheckArn(arn, "activity");
        await Writer.WriteAsync(c =>
        {
            using var delete = c.Command("DELETE FROM activities WHERE arn = $arn");
            delete.Parameters.AddWithValue("$arn", arn);
            delete.ExecuteNonQuery();
        }).ConfigureAwait(false);
        return new DeleteActivityResponse();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private sealed record MachineRow(string Arn, string Name, string Definition, string RoleArn, DateTimeOffset Created, string Revision, string? Description);

    private async Task<MachineRow?> FindStateMachineAsync(string arn, CancellationToken cancellationToken)
    {
        CheckArn(arn, "stateMachine");
        MachineRow? row = null;
        await QueryAsync("SELECT m.arn, m.name, d.body, m.role_arn, m.created, m.revision, m.description FROM state_machines m JOIN definitions d ON d.id = m.definition_id WHERE m.arn = $arn",
            p => p.AddWithValue("$arn", arn),
            r => row = new MachineRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), EngineDatabase.FromMillis(r.GetInt64(4)), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
            cancellationToken).ConfigureAwait(false);
        return row;
    }

    private async Task<long?> FindStateMachineDefinitionIdAsync(string arn, CancellationToken cancellationToken)
    {
        long? id = null;
        await QueryAsync("SELECT definition_id FROM state_machines WHERE arn = $arn", p => p.AddWithValue("$arn", arn), r => id = r.GetInt64(0), cancellationToken).ConfigureAwait(false);
        return id;
    }

    private async Task<DateTimeOffset?> FindActivityAsync(string arn, CancellationToken cancellationToken)
    {
        DateTimeOffset? created = null;
        await QueryAsync("SELECT created FROM activities WHERE arn = $arn", p => p.AddWithValue("$arn", arn), r => created = EngineDatabase.FromMillis(r.GetInt64(0)), cancellationToken).ConfigureAwait(false);
        return created;
    }

    private static long StoreDefinition(Persistence.WriterCommands c, string body)
    {
        var sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        using (var insert = c.Command("INSERT OR IGNORE INTO definitions(sha, body) VALUES($sha, $body)"))
        {
            insert.Parameters.AddWithValue("$sha", sha);
            insert.Parameters.AddWithValue("$body", body);
            insert.ExecuteNonQuery();
        }
        using var select = c.Command("SELECT id FROM definitions WHERE sha = $sha");
        select.Parameters.AddWithValue("$sha", sha);
        return (long)select.ExecuteScalar()!;
    }

    private async Task QueryAsync(string sql, Action<SqliteParameterCollection> bind, Action<SqliteDataReader> row, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        var connection = _database.Open();
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    row(reader);
                }
            }
        }
    }

    private static void Require(object? value, string member)
    {
        if (value is null)
        {
            throw new StepFunctionsException("MissingRequiredParameter", $"The parameter '{member}' is required.");
        }
    }

    private static void CheckDefinition(string definition)
    {
        try
        {
            StateMachineDefinition.Parse(definition);
        }
        catch (AslDefinitionException e)
        {
            throw new StepFunctionsException("InvalidDefinition", e.Message);
        }
    }

    private static void CheckName(string name)
    {
        const string forbidden = " <>{}[]?*\"#%\\^|~`$&,;:/";
        if (name.Length is < 1 or > 80 || name.Any(ch => forbidden.Contains(ch, StringComparison.Ordinal) || char.IsControl(ch) || char.IsWhiteSpace(ch)))
        {
            throw new StepFunctionsException("InvalidName", $"Invalid Name: '{name}' (1-80 characters; no whitespace, brackets, wildcards or special characters)");
        }
    }

    private static void CheckArn(string arn, string resourceType)
    {
        var parts = arn.Split(':');
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "states" || parts[5] != resourceType)
        {
            throw new StepFunctionsException(InvalidArnCode, $"Invalid Arn: 'Resource type not valid in this context: {arn}'");
        }
    }

    private static StepFunctionsException StateMachineDoesNotExist(string arn) => new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");

    private static (int Limit, long After) Page(int? maxResults, string? nextToken)
    {
        var limit = maxResults is null or 0 ? 100 : maxResults.Value;
        if (limit is < 0 or > 1000)
        {
            throw new StepFunctionsException("ValidationException", "maxResults must be between 0 and 1000.");
        }
        long after = 0;
        if (nextToken is not null)
        {
            try
            {
                after = long.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(nextToken)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new StepFunctionsException("InvalidToken", "Invalid Token: the nextToken is not valid.");
            }
        }
        return (limit, after);
    }

    private static string Token(long after) => Convert.ToBase64String(Encoding.UTF8.GetBytes(after.ToString(CultureInfo.InvariantCulture)));
}
