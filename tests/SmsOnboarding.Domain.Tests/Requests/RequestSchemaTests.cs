using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Domain.Tests.Requests;

/// <summary>
/// The published schema and the validator must not drift: each test walks the schema's properties and checks
/// that the validator asks for, accepts and limits exactly what the schema says.
/// </summary>
public class RequestSchemaTests
{
    private static readonly JsonObject Schema = RequestSchema.Build();
    private static readonly JsonObject Properties = Schema["properties"]!.AsObject();
    private static readonly HashSet<string> Required = Schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();

    public static TheoryData<string> SchemaFields() => [.. Properties.Select(p => p.Key)];

    [Fact]
    public void A_request_with_every_schema_field_is_valid_and_its_normalised_form_uses_only_schema_fields()
    {
        var result = OnboardingRequestValidator.Validate(Complete());

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var normalised = JsonNode.Parse(OnboardingJson.Serialize(result.Request!))!.AsObject();
        Assert.All(normalised, p => Assert.True(Properties.ContainsKey(p.Key), $"the validator produces '{p.Key}', which the schema lacks"));
        Assert.Equal(Properties.Select(p => p.Key).Order(), normalised.Select(p => p.Key).Order());
    }

    [Theory]
    [MemberData(nameof(SchemaFields))]
    public void Leaving_a_field_out_is_a_required_problem_exactly_when_the_schema_requires_it(string field)
    {
        var json = Complete();
        json.Remove(field);

        var problems = OnboardingRequestValidator.Validate(json).Problems;

        Assert.Equal(Required.Contains(field), problems.Any(p => p.Field == field && p.Code == ProblemCodes.Required));
        Assert.DoesNotContain(problems, p => p.Field != field && p.Code == ProblemCodes.Required);
    }

    [Fact]
    public void A_field_the_schema_lacks_is_refused_as_unknown()
    {
        var json = Complete();
        json["colour"] = "blue";

        var problem = Assert.Single(OnboardingRequestValidator.Validate(json).Problems);

        Assert.False(Properties.ContainsKey("colour"));
        Assert.Equal(("colour", ProblemCodes.UnknownField), (problem.Field, problem.Code));
    }

    [Theory]
    [MemberData(nameof(SchemaFields))]
    public void Text_one_character_over_the_schema_max_length_is_too_long(string field)
    {
        var property = Properties[field]!.AsObject();
        var isList = property["type"]!.GetValue<string>() == "array";
        var text = isList ? property["items"]!.AsObject() : property;
        if (text["maxLength"] is not { } max)
        {
            return;
        }
        var json = Complete();
        var tooLong = new string('a', max.GetValue<int>() + 1);
        json[field] = isList ? new JsonArray(tooLong) : tooLong;

        var problems = OnboardingRequestValidator.Validate(json).Problems;

        Assert.Contains(problems, p => p.Field == (isList ? field + "[0]" : field) && p.Code == ProblemCodes.TooLong);
    }

    [Theory]
    [MemberData(nameof(SchemaFields))]
    public void A_list_one_entry_over_the_schema_max_items_is_too_many(string field)
    {
        if (Properties[field]!["maxItems"] is not { } max)
        {
            return;
        }
        var json = Complete();
        json[field] = new JsonArray(Enumerable.Range(0, max.GetValue<int>() + 1).Select(i => (JsonNode?)JsonValue.Create("x" + i)).ToArray());

        Assert.Contains(OnboardingRequestValidator.Validate(json).Problems, p => p.Field == field && p.Code == ProblemCodes.TooMany);
    }

    [Theory]
    [MemberData(nameof(SchemaFields))]
    public void Every_choice_the_schema_lists_is_accepted_and_nothing_else(string field)
    {
        if (Properties[field]!["enum"] is not JsonArray choices)
        {
            return;
        }
        foreach (var choice in choices)
        {
            var json = Complete();
            json[field] = choice!.GetValue<string>();
            // A rule between fields (no origination identity for US destinations) is the validator's, not the schema's.
            Assert.DoesNotContain(OnboardingRequestValidator.Validate(json).Problems, p => p.Field == field && p.Code != ProblemCodes.OriginationRequired);
        }
        var other = Complete();
        other[field] = "Carrier" + "Pigeon";
        Assert.Contains(OnboardingRequestValidator.Validate(other).Problems, p => p.Field == field && p.Code == ProblemCodes.InvalidValue);
    }

    [Fact]
    public void Every_field_has_a_label_help_and_a_short_name_for_forms_and_flags()
    {
        Assert.All(Properties, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Value!["title"]?.GetValue<string>()), p.Key);
            Assert.False(string.IsNullOrWhiteSpace(p.Value!["description"]?.GetValue<string>()), p.Key);
            Assert.Matches("^[a-z]+(-[a-z]+)*$", p.Value!["x-shortName"]!.GetValue<string>());
        });
        Assert.Equal(Properties.Count, Properties.Select(p => p.Value!["x-shortName"]!.GetValue<string>()).Distinct().Count());
    }

    // Valid() plus the optional fields it leaves out.
    private static JsonObject Complete()
    {
        var json = SampleRequests.Valid();
        json["requestId"] = "schema-check-1";
        json["accountId"] = "111122223333";
        json["snsRegion"] = "us-east-1";
        return json;
    }
}
