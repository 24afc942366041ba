using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmsOnboarding.Api.Hosting;
using SmsOnboarding.Api.Lambda;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Fuzz.Tests.Api;
using SmsOnboarding.Fuzz.Tests.Infrastructure;

namespace SmsOnboarding.Fuzz.Tests.Lambda;

/// <summary>
/// The API Lambda's entry point fed malformed API Gateway proxy events (seeded): every event gets a proxy
/// response, below 500, a refusal in the API's problem shape; no event makes the handler throw.
/// </summary>
[Collection(ServedApiCollection.Name)]
public sealed class ApiGatewayEntryFuzzTests(ServedApi api)
{
    private const string AliceArn = "arn:aws:iam::111122223333:role/requesters";
    private const string BobArn = "arn:aws:iam::111122223333:user/bob";
    private const string OpsArn = "arn:aws:iam::111122223333:user/olivia";
    private const int Events = 1200;

    private static readonly string[] Principals = [AliceArn, BobArn, OpsArn, "arn:aws:iam::111122223333:user/stranger", "", "not an arn"];

    private static readonly byte[][] NotEvents = [""u8.ToArray(), "{"u8.ToArray(), "[]"u8.ToArray(), "null"u8.ToArray(), "42"u8.ToArray(), [0xFF, 0xFE, 0x00], "{\"httpMethod\":1}"u8.ToArray()];

    [Fact]
    public async Task Malformed_proxy_events_get_a_proxy_response_below_500_never_an_exception()
    {
        const string target = "lambda api-gateway entry";
        var findings = new Findings(target);
        var random = new Random(FuzzSeed.For(target));
        var mutator = new JsonMutator(random, oversizeBytes: 300 * 1024);
        await using var pipeline = LambdaPipeline.Build(Backends(api.Host.Services), PrincipalDirectory.Parse($$"""
            [{"arn":"{{AliceArn}}","name":"alice","roles":["requester"]},{"arn":"{{BobArn}}","name":"bob","roles":["approver"]},
             {"arn":"{{OpsArn}}","name":"olivia","roles":["ops"]}]
            """));
        var entry = new ApiGatewayEntryPoint(pipeline);
        var tasks = await api.PendingTaskIdsAsync();
        for (var i = 0; i < Events; i++)
        {
            var valid = Event(random, tasks, mutator);
            var input = random.Next(20) == 0
                ? new MutatedBody("not an event", NotEvents[random.Next(NotEvents.Length)])
                : random.Next(3) == 0 ? new MutatedBody("body only", Encoding.UTF8.GetBytes(valid.ToJsonString())) : mutator.Mutate(valid);
            await InvokeAsync(entry, input, findings);
        }
        findings.AssertNone();
    }

    private static async Task InvokeAsync(ApiGatewayEntryPoint entry, MutatedBody input, Findings findings)
    {
        findings.Tried1();
        try
        {
            using var output = await entry.Handle(new MemoryStream(input.Bytes));
            var response = JsonNode.Parse(output)!;
            var status = (int)response["statusCode"]!;
            if (status >= 500)
            {
                findings.Add(input.ToString(), $"statusCode {status}: {Findings.Escape(response.ToJsonString())}");
            }
            else if (status >= 400 && !ApiAnswers.IsProblem((string?)response["body"]))
            {
                findings.Add(input.ToString(), $"statusCode {status} without {{\"error\", \"message\"}}: {Findings.Escape(response.ToJsonString())}");
            }
        }
#pragma warning disable CA1031 // any exception is the finding
        catch (Exception e)
#pragma warning restore CA1031
        {
            findings.Add(input.ToString(), $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A well-formed event for a random route, whose own body is often already mutated.</summary>
    private static JsonObject Event(Random random, IReadOnlyList<string> tasks, JsonMutator mutator)
    {
        var task = tasks.Count > 0 ? tasks[random.Next(tasks.Count)] : "abc";
        (string Method, string Path, JsonObject? Body)[] routes =
        [
            ("POST", "/api/onboardings", ServedApi.Request("lambda-fuzz")),
            ("POST", "/api/onboardings/validate", ServedApi.Request("lambda-fuzz")),
            ("GET", "/api/onboardings", null),
            ("GET", "/api/onboardings/onb-000000000000", null),
            ("POST", "/api/onboardings/onb-000000000000/cancel", null),
            ("POST", $"/api/tasks/{task}/complete", new JsonObject { ["code"] = "123456" }),
            ("POST", $"/api/tasks/{task}/reject", new JsonObject { ["reason"] = "no" }),
            ("GET", "/api/dashboard", null),
            ("GET", "/api/me", null),
        ];
        var (method, path, body) = routes[random.Next(routes.Length)];
        var bytes = body is null ? null : random.Next(2) == 0 ? mutator.Mutate(body).Bytes : Encoding.UTF8.GetBytes(body.ToJsonString());
        var base64 = bytes is not null && random.Next(3) == 0;
        return new JsonObject
        {
            ["httpMethod"] = method,
            ["path"] = path,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json", ["Host"] = "abc.execute-api.us-east-1.amazonaws.com" },
            ["multiValueHeaders"] = new JsonObject { ["Accept"] = new JsonArray("application/json") },
            ["queryStringParameters"] = random.Next(2) == 0 ? null : new JsonObject { ["limit"] = "5", ["dryRun"] = "true" },
            ["multiValueQueryStringParameters"] = random.Next(3) == 0 ? new JsonObject { ["status"] = new JsonArray("running", "failed") } : null,
            ["body"] = bytes is null ? null : base64 ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes),
            ["isBase64Encoded"] = base64,
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = "req-1",
                ["identity"] = new JsonObject { ["userArn"] = Principals[random.Next(Principals.Length)], ["sourceIp"] = "192.0.2.1" },
            },
        };
    }

    private static OnboardingBackends Backends(IServiceProvider services) => new(
        services.GetRequiredService<IOnboardingRuntime>(),
        services.GetRequiredService<IOnboardingStore>(),
        services.GetRequiredService<ITaskDesk>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<IFactsProbe>(),
        services.GetRequiredService<ServiceAccount>().Id);
}
