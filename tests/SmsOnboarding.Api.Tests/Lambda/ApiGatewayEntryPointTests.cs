using System.Text;
using System.Text.Json.Nodes;
using SmsOnboarding.Api.Aws;
using SmsOnboarding.Api.Lambda;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Api.Tests.Lambda;

[Collection(AwsBackendsCollection.Name)]
public sealed class ApiGatewayEntryPointTests(AwsBackends aws)
{
    private const string AliceArn = "arn:aws:iam::111122223333:role/sms-onboarding-requesters";
    private const string OpsArn = "arn:aws:iam::111122223333:user/ops-olga";
    private const string StrangerArn = "arn:aws:iam::111122223333:user/stranger";

    private static readonly PrincipalDirectory Principals = PrincipalDirectory.Parse($$"""
        [{"arn":"{{AliceArn}}","name":"alice","roles":["requester"]},
         {"arn":"{{OpsArn}}","name":"olga","roles":["ops"]}]
        """);

    [MotoFact]
    public async Task Health_check_answers_through_a_proxy_event()
    {
        await using var api = await ApiAsync();

        var response = await api.SendAsync("GET", "/healthz", principal: null);

        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.False((bool)response["isBase64Encoded"]!);
        Assert.Equal("ok", (string?)Body(response)["status"]);
        Assert.Contains("application/json", (string?)response["multiValueHeaders"]!["Content-Type"]![0], StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Mapped_principal_submits_and_lists_onboardings_stored_in_dynamodb_and_started_on_step_functions()
    {
        await using var api = await ApiAsync();

        var submitted = await api.SendAsync("POST", "/api/onboardings", AliceArn, ApiServer.Request(requestId: "lambda-1").ToJsonString());
        Assert.Equal(202, (int)submitted["statusCode"]!);
        var id = (string)Body(submitted)["id"]!;

        var listed = await api.SendAsync("GET", "/api/onboardings", OpsArn, query: new() { ["limit"] = "10" });

        Assert.Equal(200, (int)listed["statusCode"]!);
        var items = Body(listed)["items"]!.AsArray();
        var item = Assert.Single(items);
        Assert.Equal(id, (string?)item!["id"]);
        Assert.Equal("alice", (string?)item["requester"]);
        Assert.EndsWith(":execution:sms-onboarding:" + id, (string?)item["executionArn"], StringComparison.Ordinal);
        var stored = await api.Store.GetAsync(id, CancellationToken.None);
        Assert.Equal("lambda-1", stored?.RequestId);
        var execution = await api.Runtime.DescribeAsync(stored!.ExecutionArn!, CancellationToken.None);
        Assert.Equal(Onboardings.ExecutionState.Running, execution?.State);
    }

    [MotoFact]
    public async Task Replayed_submit_with_the_same_request_id_answers_the_first_onboarding()
    {
        await using var api = await ApiAsync();
        var body = ApiServer.Request(requestId: "lambda-replay").ToJsonString();

        var first = Body(await api.SendAsync("POST", "/api/onboardings", AliceArn, body));
        var again = await api.SendAsync("POST", "/api/onboardings", AliceArn, body);

        Assert.Equal(first["id"]!.GetValue<string>(), (string?)Body(again)["id"]);
        Assert.False((bool)Body(again)["created"]!);
        Assert.Equal(1, (await api.Store.QueryAsync(new(null, null, null, null, null, 50), CancellationToken.None)).Total);
    }

    [MotoFact]
    public async Task Pending_tasks_come_from_the_dynamodb_inbox_with_the_onboarding_they_belong_to()
    {
        await using var api = await ApiAsync();
        var id = (string)Body(await api.SendAsync("POST", "/api/onboardings", AliceArn, ApiServer.Request(requestId: "lambda-task").ToJsonString()))["id"]!;
        var record = await api.Store.GetAsync(id, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var taskId = TaskTokens.Id("token-1");
        await api.Inbox.AddAsync(new HumanTask(taskId, "verificationCode", record!.ExecutionArn!, "lambda-task", "+15555550100",
            "+1*******0100", "Enter the code sent to +1*******0100", now, now.AddHours(1), now.AddDays(1), 0), "token-1");

        var response = await api.SendAsync("GET", "/api/tasks", OpsArn);

        Assert.Equal(200, (int)response["statusCode"]!);
        var task = Assert.Single(Body(response).AsArray());
        Assert.Equal(taskId, (string?)task!["id"]);
        Assert.Equal(id, (string?)task["onboardingId"]);
        Assert.Equal("alice", (string?)task["requester"]);
    }

    [Fact]
    public void Principal_mapping_with_an_unknown_role_is_refused_naming_the_entry()
    {
        var error = Assert.Throws<Auth.UsersFileException>(() =>
            PrincipalDirectory.Parse("""[{"arn":"arn:aws:iam::111122223333:user/a","name":"a","roles":["admin"]}]"""));

        Assert.Contains(PrincipalDirectory.Variable + "[0].roles", error.Message, StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Unmapped_principal_is_403_naming_the_principal()
    {
        await using var api = await ApiAsync();

        var response = await api.SendAsync("GET", "/api/onboardings", StrangerArn);

        Assert.Equal(403, (int)response["statusCode"]!);
        Assert.Equal("forbidden", (string?)Body(response)["error"]);
        Assert.Contains(StrangerArn, (string?)Body(response)["message"], StringComparison.Ordinal);
        Assert.Contains(PrincipalDirectory.Variable, (string?)Body(response)["message"], StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Invalid_submit_is_400_listing_every_problem_and_stores_nothing()
    {
        await using var api = await ApiAsync();
        var request = ApiServer.Request();
        request["userPoolId"] = "nowhere";
        request["monthlySpendUsd"] = -5;
        var expected = OnboardingRequestValidator.Validate(request.DeepClone()).Problems.Select(p => p.Field).ToHashSet();

        // API Gateway base64-encodes bodies of binary media types; the entry point accepts both forms.
        var response = await api.SendAsync("POST", "/api/onboardings", AliceArn, Convert.ToBase64String(Encoding.UTF8.GetBytes(request.ToJsonString())), base64: true);

        Assert.Equal(400, (int)response["statusCode"]!);
        Assert.Equal("invalidRequest", (string?)Body(response)["error"]);
        Assert.Equal(expected, Body(response)["problems"]!.AsArray().Select(p => (string)p!["field"]!).ToHashSet());
        Assert.Equal(0, (await api.Store.QueryAsync(new(null, null, null, null, null, 50), CancellationToken.None)).Total);
    }

    [MotoFact]
    public async Task Event_that_is_not_a_proxy_event_is_400()
    {
        await using var api = await ApiAsync();

        using var output = await api.EntryPoint.Handle(new MemoryStream(Encoding.UTF8.GetBytes("""{"detail-type":"Scheduled Event"}""")));
        var response = JsonNode.Parse(output)!;

        Assert.Equal(400, (int)response["statusCode"]!);
        Assert.Contains("httpMethod and path", (string?)Body(response)["message"], StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Body_flagged_base64_that_is_not_base64_is_400()
    {
        await using var api = await ApiAsync();

        var response = await api.SendAsync("POST", "/api/onboardings", AliceArn, "{not base64}", base64: true);

        Assert.Equal(400, (int)response["statusCode"]!);
        Assert.Contains("not valid base64", (string?)Body(response)["message"], StringComparison.Ordinal);
    }

    private static JsonNode Body(JsonNode response) => JsonNode.Parse((string)response["body"]!)!;

    private async Task<LambdaApi> ApiAsync()
    {
        var dynamoDb = aws.DynamoDb();
        var table = await aws.CreateTableAsync(dynamoDb);
        var pipeline = await AwsComposition.CreateAsync(dynamoDb, aws.StepFunctions!, table, aws.StateMachineArn, Principals, TimeProvider.System, CancellationToken.None);
        return new LambdaApi(pipeline, new ApiGatewayEntryPoint(pipeline), new DynamoDbOnboardingStore(dynamoDb, table),
            await StepFunctionsRuntime.OpenAsync(aws.StepFunctions!, aws.StateMachineArn, CancellationToken.None),
            new DynamoDbHumanTaskInbox(dynamoDb, table), dynamoDb);
    }

    private sealed record LambdaApi(
        LambdaPipeline Pipeline,
        ApiGatewayEntryPoint EntryPoint,
        DynamoDbOnboardingStore Store,
        StepFunctionsRuntime Runtime,
        DynamoDbHumanTaskInbox Inbox,
        IDisposable DynamoDb) : IAsyncDisposable
    {
        public async Task<JsonNode> SendAsync(string method, string path, string? principal, string? body = null, bool base64 = false, Dictionary<string, string>? query = null)
        {
            var proxyEvent = new JsonObject
            {
                ["resource"] = "/{proxy+}",
                ["path"] = path,
                ["httpMethod"] = method,
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json", ["Host"] = "abc123.execute-api.us-east-1.amazonaws.com" },
                ["multiValueHeaders"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json") },
                ["queryStringParameters"] = query is null ? null : new JsonObject(query.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["pathParameters"] = new JsonObject { ["proxy"] = path.TrimStart('/') },
                ["stageVariables"] = null,
                ["requestContext"] = new JsonObject
                {
                    ["accountId"] = "111122223333",
                    ["stage"] = "v1",
                    ["requestId"] = Guid.NewGuid().ToString(),
                    ["identity"] = new JsonObject { ["userArn"] = principal, ["caller"] = "AIDAEXAMPLE", ["sourceIp"] = "203.0.113.7" },
                },
                ["body"] = body,
                ["isBase64Encoded"] = base64,
            };
            using var output = await EntryPoint.Handle(new MemoryStream(Encoding.UTF8.GetBytes(proxyEvent.ToJsonString())));
            return JsonNode.Parse(output)!;
        }

        public async ValueTask DisposeAsync()
        {
            await Pipeline.DisposeAsync();
            DynamoDb.Dispose();
        }
    }
}
