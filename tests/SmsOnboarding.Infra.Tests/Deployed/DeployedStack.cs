using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SmsOnboarding.Api.Aws;
using SmsOnboarding.Api.Lambda;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine;
using SmsOnboarding.Engine.Http;
using SmsOnboarding.Engine.Tasks;
using SmsOnboarding.Engine.Time;
using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.Storage.DynamoDb;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests.Deployed;

/// <summary>
/// The synthesized stack "deployed" into the simulated account and moto, the closest thing to a deploy these machines
/// allow: the template's IAM (roles, their policies, the SMS-role boundary), topics and table created from their
/// properties; the state machine's definition substituted from the template and run by the embedded engine behind its
/// Step Functions endpoint; each Task's function a <see cref="LambdaInstance"/> with the template's environment, acting
/// as its template role; the API function's entry point on the template's table and state machine; and the status
/// function fed the execution status changes that the template's EventBridge rule selects.
/// </summary>
internal sealed class DeployedStack : IAsyncDisposable
{
    public const string StackName = SmsOnboardingStack.DefaultName;
    public const string StackRegion = "us-east-1";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly SimulatorHost _simulator;
    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly AwsClientFactory _admin;
    private readonly string _directory;
    private readonly StatusChangeEvents _statusChanges = new();
    private EngineServer? _engineServer;
    private AmazonStepFunctionsClient? _stepFunctions;
    private ApiGatewayEntryPoint _api = null!;
    private ExecutionStatusEntryPoint _statusUpdates = null!;
    private JsonObject _statusRule = null!;

    private DeployedStack(SimulatorHost simulator, IAmazonDynamoDB dynamoDb, AwsClientFactory admin, string directory, CloudFormationValues values,
        SkippingTimeProvider clock)
    {
        _simulator = simulator;
        _dynamoDb = dynamoDb;
        _admin = admin;
        _directory = directory;
        Values = values;
        Clock = clock;
    }

    public CloudFormationValues Values { get; }

    private SkippingTimeProvider Clock { get; }

    public SimulatedAccount Account => _simulator.Account;

    /// <summary>The account administrator's clients (the README's key): what a person checking the result would use.</summary>
    public IAwsClientFactory Aws => _admin;

    public StepFunctionsEngine Engine { get; private set; } = null!;

    private string TableName { get; set; } = "";

    /// <summary>The human-task inbox in the table, as the API function reads it.</summary>
    public IHumanTaskInbox Inbox { get; private set; } = null!;

    public static async Task<DeployedStack> StartAsync(JsonObject template, Uri moto, CancellationToken cancellationToken)
    {
        var clock = new SkippingTimeProvider(TimeProvider.System, Start);
        var simulator = await SimulatorHost.StartAsync(new SimulatedAccount(LocalServe.DemoScenario(), clock), 0, cancellationToken);
        var admin = new AwsClientFactory(region => AdminConfig(simulator.BaseUri, region));
        // moto does not judge IAM, so the test's own table calls need no particular identity.
        var dynamoDb = new AmazonDynamoDBClient(new BasicAWSCredentials("deployer", "deployer"),
            new AmazonDynamoDBConfig { ServiceURL = moto.ToString(), AuthenticationRegion = StackRegion });
        var values = new CloudFormationValues(template, StackName, StackRegion, simulator.Account.AccountId);
        var stack = new DeployedStack(simulator, dynamoDb, admin, Directory.CreateTempSubdirectory("deployed-").FullName, values, clock);
        try
        {
            await stack.DeployAsync(moto, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private static AwsClientConfig AdminConfig(Uri simulator, string region) => new()
    {
        Region = region,
        ServiceUrl = simulator,
        Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
        EnvironmentVariable = _ => null,
    };

    // In CloudFormation's dependency order: what the functions reference first, then roles and policies, then the
    // functions and the state machine.
    private async Task DeployAsync(Uri moto, CancellationToken cancellationToken)
    {
        var table = Values.Resources.Single(r => Values.TypeOf(r.Key) == "AWS::DynamoDB::Table").Key;
        TableName = Values.PhysicalName(table);
        await CreateTableAsync(table, cancellationToken);
        foreach (var topic in Values.Resources.Where(r => Values.TypeOf(r.Key) == "AWS::SNS::Topic").Select(r => r.Key))
        {
            await ReminderTopic.CreateAsync(AdminConfig(_simulator.BaseUri, Values.Region), Values.PhysicalName(topic), cancellationToken);
        }
        var iam = _admin.Iam();
        foreach (var policy in Values.Resources.Where(r => Values.TypeOf(r.Key) == "AWS::IAM::ManagedPolicy").Select(r => r.Key))
        {
            await iam.CreatePolicyAsync(new CreatePolicyRequest
            {
                PolicyName = Values.PhysicalName(policy),
                Path = Values.PathOf(policy),
                PolicyDocument = Values.ResolveDocument(Values.Properties(policy)["PolicyDocument"]!).ToJsonString(),
            }, cancellationToken);
        }

        var stateMachineId = Values.Resources.Single(r => Values.TypeOf(r.Key) == "AWS::StepFunctions::StateMachine").Key;
        var stateMachine = Values.Properties(stateMachineId);
        var functionIds = stateMachine["DefinitionSubstitutions"]!.AsObject()
            .Where(s => s.Value!["Fn::GetAtt"] is not null && Values.TypeOf(Target(s.Value)!) == "AWS::Lambda::Function")
            .Select(s => Target(s.Value)!).Distinct().ToList();
        var roles = functionIds.ToDictionary(f => f, f => Target(Values.Properties(f)["Role"])!);
        foreach (var role in roles.Values.Distinct())
        {
            await CreateRoleAsync(iam, role, cancellationToken);
        }
        // Lambda refuses a function whose role it cannot assume yet; CloudFormation's create waits it out.
        await StepRoleReadiness.WaitAsync(Account, roles.Values.Distinct().Select(Values.Arn), Clock, skipWaits: true, cancellationToken);

        // The task functions of the state machine by function name, as the engine's Lambda ARNs name them.
        var functions = functionIds.ToDictionary(Values.PhysicalName, f => new LambdaInstance(
            EnvironmentOf(f, moto), new StepRoleCredentials(Account, Values.Arn(roles[f]), Values.PhysicalName(f)), Clock));
        Engine = await StepFunctionsEngine.OpenAsync(new EngineOptions
        {
            DatabasePath = Path.Combine(_directory, "engine.db"),
            Clock = Clock,
            SkipTimeWhenIdle = true,
            Region = Values.Region,
            AccountId = Values.AccountId,
            Functions = functions.ToDictionary(f => f.Key, f => (TaskHandler)f.Value.InvokeAsync),
            Events = _statusChanges,
        }, cancellationToken);
        _engineServer = await EngineServer.StartAsync(Engine, 0, cancellationToken);
        // The engine's endpoint does not judge IAM: the API and status functions' grants are not checked here.
        _stepFunctions = new AmazonStepFunctionsClient(AdminConfig(_engineServer.BaseUri, Values.Region));
        await _stepFunctions.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = Values.PhysicalName(stateMachineId),
            Definition = DefinitionSubstitutionTests.Substitute(stateMachine, Values.Resolve),
            RoleArn = Values.Resolve(stateMachine["RoleArn"]),
            Type = stateMachine["StateMachineType"]?.GetValue<string>() ?? "STANDARD",
        }, cancellationToken);
        Inbox = new DynamoDbHumanTaskInbox(_dynamoDb, TableName);

        var api = EnvironmentOf(FunctionByHandler(Api.OnboardingApi.Handler), moto);
        _api = new ApiGatewayEntryPoint(await AwsComposition.CreateAsync(_dynamoDb, _stepFunctions, api[OnboardingTableSchema.TableNameVariable],
            api[AwsComposition.StateMachineVariable], PrincipalDirectory.Parse(api[Api.OnboardingApi.PrincipalsVariable]), Clock, cancellationToken));
        var statusFunction = FunctionByHandler(Api.ExecutionStatusUpdates.Handler);
        var status = EnvironmentOf(statusFunction, moto);
        var statusStateMachine = status[AwsComposition.StateMachineVariable];
        _statusUpdates = new ExecutionStatusEntryPoint(new DynamoDbOnboardingStore(_dynamoDb, status[OnboardingTableSchema.TableNameVariable]),
            await StepFunctionsRuntime.OpenAsync(_stepFunctions, statusStateMachine, cancellationToken), statusStateMachine, Clock, TextWriter.Null);
        _statusRule = Values.ResolveDocument(Values.Properties(Values.Resources.Single(r => Values.TypeOf(r.Key) == "AWS::Events::Rule"
            && Values.Properties(r.Key)["Targets"]!.AsArray().Any(t => Target(t!["Arn"]) == statusFunction)).Key)["EventPattern"]!).AsObject();
    }

    private string FunctionByHandler(string handler) => Values.Resources.Single(r => Values.TypeOf(r.Key) == "AWS::Lambda::Function"
        && Values.Properties(r.Key)["Handler"]?.GetValue<string>() == handler).Key;

    /// <summary>
    /// A request to the API function as API Gateway's proxy integration delivers it, from the IAM principal that signed
    /// it; the function's answer.
    /// </summary>
    public async Task<(int Status, JsonNode? Body)> CallApiAsync(string method, string path, string principalArn, JsonNode? body = null)
    {
        var proxyEvent = new JsonObject
        {
            ["resource"] = "/{proxy+}",
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            ["multiValueHeaders"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json") },
            ["pathParameters"] = new JsonObject { ["proxy"] = path.TrimStart('/') },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = Values.AccountId,
                ["stage"] = "v1",
                ["requestId"] = Guid.NewGuid().ToString(),
                ["identity"] = new JsonObject { ["userArn"] = principalArn, ["sourceIp"] = "203.0.113.7" },
            },
            ["body"] = body?.ToJsonString(),
            ["isBase64Encoded"] = false,
        };
        await using var output = await _api.Handle(new MemoryStream(Encoding.UTF8.GetBytes(proxyEvent.ToJsonString())));
        var response = JsonNode.Parse(output)!;
        var text = (string?)response["body"];
        return ((int)response["statusCode"]!, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>Hands the status changes so far that the template's rule selects to the status function, as EventBridge would.</summary>
    public async Task DeliverStatusChangesAsync()
    {
        foreach (var statusEvent in _statusChanges.TakeMatching(_statusRule))
        {
            await using var output = await _statusUpdates.Handle(new MemoryStream(Encoding.UTF8.GetBytes(statusEvent.ToJsonString())));
            var outcome = JsonNode.Parse(output)!;
            if ((string?)outcome["outcome"] is not ("applied" or "unchanged"))
            {
                throw new InvalidOperationException($"The status function did not apply {statusEvent.ToJsonString()}: {outcome.ToJsonString()}");
            }
        }
    }

    /// <summary>The template's variables, resolved, plus what Lambda sets and where this machine's endpoints are.</summary>
    private Dictionary<string, string> EnvironmentOf(string function, Uri moto)
    {
        var environment = Values.Properties(function)["Environment"]?["Variables"]?.AsObject()
            .ToDictionary(v => v.Key, v => Values.Resolve(v.Value), StringComparer.Ordinal) ?? [];
        environment["AWS_REGION"] = Values.Region;
        environment["AWS_DEFAULT_REGION"] = Values.Region;
        environment["AWS_LAMBDA_FUNCTION_NAME"] = Values.PhysicalName(function);
        // The SDKs' standard endpoint overrides: AWS's services are the simulated account's, DynamoDB is moto's.
        environment["AWS_ENDPOINT_URL"] = _simulator.BaseUri.ToString();
        environment["AWS_ENDPOINT_URL_DYNAMODB"] = moto.ToString();
        return environment;
    }

    private async Task CreateRoleAsync(IAmazonIdentityManagementService iam, string role, CancellationToken cancellationToken)
    {
        var properties = Values.Properties(role);
        var unsupported = properties.Select(p => p.Key).Except(["AssumeRolePolicyDocument", "Description", "Path", "RoleName"]).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"Role {role} uses {string.Join(", ", unsupported)}, which the deployed-shape test does not create.");
        }
        var name = Values.PhysicalName(role);
        await iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = name,
            Path = Values.PathOf(role),
            AssumeRolePolicyDocument = Values.ResolveDocument(properties["AssumeRolePolicyDocument"]!).ToJsonString(),
            Description = properties["Description"] is { } description ? Values.Resolve(description) : null,
        }, cancellationToken);
        foreach (var policy in Values.Resources.Where(r => Values.TypeOf(r.Key) == "AWS::IAM::Policy"
            && Values.Properties(r.Key)["Roles"]!.AsArray().Any(n => Target(n) == role)).Select(r => r.Key))
        {
            await iam.PutRolePolicyAsync(new PutRolePolicyRequest
            {
                RoleName = name,
                PolicyName = Values.Resolve(Values.Properties(policy)["PolicyName"]),
                PolicyDocument = Values.ResolveDocument(Values.Properties(policy)["PolicyDocument"]!).ToJsonString(),
            }, cancellationToken);
        }
    }

    private async Task CreateTableAsync(string table, CancellationToken cancellationToken)
    {
        var properties = Values.Properties(table);
        static List<KeySchemaElement> Keys(JsonNode? schema) =>
            [.. schema!.AsArray().Select(k => new KeySchemaElement(k!["AttributeName"]!.GetValue<string>(), KeyType.FindValue(k["KeyType"]!.GetValue<string>())))];
        await _dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = TableName,
            BillingMode = BillingMode.FindValue(properties["BillingMode"]!.GetValue<string>()),
            AttributeDefinitions = [.. properties["AttributeDefinitions"]!.AsArray().Select(a => new AttributeDefinition(
                a!["AttributeName"]!.GetValue<string>(), ScalarAttributeType.FindValue(a["AttributeType"]!.GetValue<string>())))],
            KeySchema = Keys(properties["KeySchema"]),
            GlobalSecondaryIndexes = [.. Many(properties["GlobalSecondaryIndexes"]).Select(i => new GlobalSecondaryIndex
            {
                IndexName = i["IndexName"]!.GetValue<string>(),
                KeySchema = Keys(i["KeySchema"]),
                Projection = new Projection { ProjectionType = ProjectionType.FindValue(i["Projection"]!["ProjectionType"]!.GetValue<string>()) },
            })],
        }, cancellationToken);
    }

    /// <summary>How many items of a kind (a partition-key prefix of <see cref="OnboardingTableSchema"/>) the table holds.</summary>
    public async Task<int> CountItemsAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var response = await _dynamoDb.ScanAsync(new ScanRequest
        {
            TableName = TableName,
            FilterExpression = "begins_with(#pk, :prefix)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = OnboardingTableSchema.PartitionKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":prefix"] = new AttributeValue(keyPrefix) },
        }, cancellationToken);
        return response.Count ?? 0;
    }

    public async ValueTask DisposeAsync()
    {
        _stepFunctions?.Dispose();
        if (_engineServer is not null)
        {
            await _engineServer.DisposeAsync();
        }
        if (Engine is not null)
        {
            await Engine.DisposeAsync();
        }
        await _simulator.DisposeAsync();
        _admin.Dispose();
        _dynamoDb.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open stays in the temp folder; nothing reads it again.
        }
    }
}
