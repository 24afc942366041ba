using System.Text.Json.Nodes;
using CsCheck;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Domain.Tests.Requests;

public class ValidatorPropertyTests
{
    private static readonly string[] FieldNames =
    [
        "userPoolId", "accountId", "snsRegion", "countries", "monthlySpendUsd", "messageType", "useCase",
        "websiteUrl", "optInProcess", "sampleMessages", "sandboxNumbers", "originationType", "requester",
        "approvers", "team", "requestId", "unexpected", "",
    ];

    private static readonly string[] Plausible =
    [
        "us-east-1_Abc1", "ap-northeast-2_X", "US", "gb", "+12065550101", "+44 7911 123456", "TollFree",
        "OneTimePassword", "https://x.example", "alice", "bob", "123456789012", "eu-west-1", "", " ", "\u0000",
        "+", "_", "ünïcødé", "1e999",
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.OneOf(Plausible).Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> Value = Gen.OneOf(
        Scalar,
        Scalar.Array[0, 12].Select(items => (JsonNode?)new JsonArray(items)),
        Gen.Select(Gen.OneOf(FieldNames), Scalar).Array[0, 3].Select(ToObject));

    private static readonly Gen<JsonObject> RandomObject =
        Gen.Select(Gen.OneOf(FieldNames), Value).Array[0, 18].Select(pairs => (JsonObject)ToObject(pairs)!);

    // Starting from a valid request and replacing one field reaches the interesting corners far more often.
    private static readonly Gen<JsonObject> MutatedValid =
        Gen.Select(Gen.OneOf(FieldNames), Value).Select(pair => SampleRequests.With(pair.Item1, pair.Item2));

    [Fact]
    public void Validation_never_throws_and_always_explains_a_refusal() =>
        Gen.OneOf(RandomObject, MutatedValid).Sample(json =>
        {
            var result = OnboardingRequestValidator.Validate(json.ToJsonString());
            return result.IsValid || (result.Problems.Count > 0 && result.Problems.All(p => p.Message.Length > 0 && p.Code.Length > 0));
        }, iter: 2000);

    [Fact]
    public void Validation_is_idempotent_on_its_own_output() =>
        MutatedValid.Sample(json =>
        {
            var first = OnboardingRequestValidator.Validate(json);
            if (!first.IsValid)
            {
                return true;
            }

            var again = OnboardingRequestValidator.Validate(OnboardingJson.Serialize(first.Request!));
            return again.IsValid && again.Request!.Equals(first.Request);
        }, iter: 2000);

    private static JsonNode? ToObject((string Name, JsonNode? Value)[] pairs)
    {
        var json = new JsonObject();
        foreach (var (name, value) in pairs)
        {
            json[name] = value;
        }

        return json;
    }
}
