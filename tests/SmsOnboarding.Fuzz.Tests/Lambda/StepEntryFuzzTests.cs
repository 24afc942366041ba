using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SmsOnboarding.Fuzz.Tests.Api;
using SmsOnboarding.Fuzz.Tests.Infrastructure;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.Lambda;

namespace SmsOnboarding.Fuzz.Tests.Lambda;

/// <summary>
/// Every step's Lambda entry fed malformed payloads (seeded), on the served deployment's simulated account: a
/// step answers or fails with one of the typed errors the ASL's Retry/Catch know, never any other exception.
/// </summary>
[Collection(ServedApiCollection.Name)]
public sealed class StepEntryFuzzTests(ServedApi api)
{
    private const int PayloadsPerStep = 60;

    private static readonly HashSet<Type> TypedErrors = [typeof(OnboardingStepFailed), typeof(TransientAwsError), typeof(AwsRequestDenied)];

    public static TheoryData<string> Steps() => [.. StepCatalog.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Malformed_payloads_end_in_an_answer_or_a_typed_step_error(string step)
    {
        var target = "lambda step " + step;
        var findings = new Findings(target);
        var random = new Random(FuzzSeed.For(target));
        var mutator = new JsonMutator(random, oversizeBytes: 300 * 1024);
        var deployment = api.Deployment;
        var host = new StepHost(deployment.Aws, deployment.Idempotency, deployment.AccountWork, deployment.Inbox, deployment.Clock);
        var valid = (JsonObject)Sample(StepCatalog.Find(step)!.Input, "", 0)!;
        for (var i = 0; i < PayloadsPerStep; i++)
        {
            var payload = i == 0 ? new MutatedBody("none", Encoding.UTF8.GetBytes(valid.ToJsonString())) : mutator.Mutate(valid);
            findings.Tried1();
            try
            {
                using var output = await StepEntryPoint.Invoke(host, step, new MemoryStream(payload.Bytes)).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                findings.Add(payload.ToString(), "no answer within 30 s");
            }
#pragma warning disable CA1031 // any exception but the typed step errors is the finding
            catch (Exception e) when (!TypedErrors.Contains(e.GetType()))
#pragma warning restore CA1031
            {
                findings.Add(payload.ToString(), $"threw {e.GetType().Name}: {e.Message}");
            }
            catch (Exception)
            {
                // A typed step error: what Step Functions matches Retry and Catch on.
            }
        }
        findings.AssertNone();
    }

    /// <summary>A payload of the contract's shape, with values that look like the workflow's own.</summary>
    private static JsonNode? Sample(JsonTypeInfo info, string name, int depth)
    {
        if (depth > 6)
        {
            return null;
        }
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var obj = new JsonObject();
                foreach (var property in info.Properties)
                {
                    obj[property.Name] = Sample(info.Options.GetTypeInfo(property.PropertyType), property.Name, depth + 1);
                }
                return obj;
            case JsonTypeInfoKind.Enumerable:
                return new JsonArray(Sample(info.Options.GetTypeInfo(info.ElementType!), name, depth + 1));
            case JsonTypeInfoKind.Dictionary:
                return new JsonObject { ["key"] = Sample(info.Options.GetTypeInfo(info.ElementType!), name, depth + 1) };
        }
        if (type.IsEnum)
        {
            return Enum.GetNames(type)[0];
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => true,
            TypeCode.String => Text(name),
            TypeCode.DateTime => "2026-11-02T09:00:00Z",
            TypeCode.Object when type == typeof(DateTimeOffset) => "2026-11-02T09:00:00+00:00",
            TypeCode.Object when type == typeof(TimeSpan) => "00:05:00",
            TypeCode.Object => new JsonObject(),
            _ => 1,
        };
    }

    private static string Text(string name)
    {
        var n = name.ToUpperInvariant();
        return n switch
        {
            _ when n.Contains("POOL", StringComparison.Ordinal) => "us-east-1_Checkout1",
            _ when n.Contains("REGION", StringComparison.Ordinal) => "us-east-1",
            _ when n.Contains("PHONE", StringComparison.Ordinal) || n.Contains("NUMBER", StringComparison.Ordinal) => "+12065550101",
            _ when n.Contains("ARN", StringComparison.Ordinal) => "arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:onb-fuzz",
            _ when n.Contains("COUNTR", StringComparison.Ordinal) => "US",
            _ when n.Contains("ACCOUNT", StringComparison.Ordinal) => "111122223333",
            _ => "fuzz",
        };
    }
}
