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
    private static readonly JsonObject Section = Properties[RegistrationFields.SectionName]!.AsObject();

    // Complete() sends to the US with a toll-free number from a company that is not a sole proprietor, so the
    // schema's conditions (allOf) require the section, its opt-in screenshot and its tax id.
    private static readonly HashSet<string> Required =
    [
        .. Schema["required"]!.AsArray().Select(n => n!.GetValue<string>()),
        RegistrationFields.SectionName,
        .. Section["required"]!.AsArray().Select(n => $"{RegistrationFields.SectionName}.{n}"),
        $"{RegistrationFields.SectionName}.{RegistrationFields.OptInScreenshot.Name}",
        $"{RegistrationFields.SectionName}.{RegistrationFields.TaxId.Name}",
    ];

    /// <summary>Every property, the section's members named "registration.member".</summary>
    public static TheoryData<string> SchemaFields() =>
        [.. Properties.Select(p => p.Key), .. Section["properties"]!.AsObject().Select(p => $"{RegistrationFields.SectionName}.{p.Key}")];

    [Fact]
    public void The_schema_states_when_the_registration_section_and_its_conditional_members_are_required()
    {
        var rules = Schema["allOf"]!.ToJsonString() + Section["allOf"]!.ToJsonString();

        Assert.Contains("\"then\":{\"required\":[\"registration\"]}", rules, StringComparison.Ordinal);
        Assert.Contains("\"required\":[\"optInScreenshot\"]", rules, StringComparison.Ordinal);
        Assert.Contains("\"required\":[\"vertical\"]", rules, StringComparison.Ordinal);
        Assert.Contains("\"then\":{\"required\":[\"taxId\"]}", rules, StringComparison.Ordinal);
    }

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
        Remove(json, field);

        var problems = OnboardingRequestValidator.Validate(json).Problems;

        // Leaving the whole section out names each of its required members, one problem each.
        bool Mine(ValidationProblem p) => p.Field == field || p.Field.StartsWith(field + ".", StringComparison.Ordinal);
        Assert.Equal(Required.Contains(field), problems.Any(p => Mine(p) && p.Code == ProblemCodes.Required));
        Assert.DoesNotContain(problems, p => !Mine(p) && p.Code == ProblemCodes.Required);
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
        var property = PropertyOf(field);
        var isList = property["type"]!.GetValue<string>() == "array";
        var text = isList ? property["items"]!.AsObject() : property;
        if (text["maxLength"] is not { } max)
        {
            return;
        }
        var json = Complete();
        var tooLong = new string('a', max.GetValue<int>() + 1);
        Set(json, field, isList ? new JsonArray(tooLong) : tooLong);

        var problems = OnboardingRequestValidator.Validate(json).Problems;

        Assert.Contains(problems, p => p.Field == (isList ? field + "[0]" : field) && p.Code == ProblemCodes.TooLong);
    }

    [Theory]
    [MemberData(nameof(SchemaFields))]
    public void A_list_one_entry_over_the_schema_max_items_is_too_many(string field)
    {
        if (PropertyOf(field)["maxItems"] is not { } max)
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
        if (PropertyOf(field)["enum"] is not JsonArray choices)
        {
            return;
        }
        foreach (var choice in choices)
        {
            var json = Complete();
            Set(json, field, choice!.GetValue<string>());
            // A rule between fields (no origination identity for US destinations) is the validator's, not the schema's.
            Assert.DoesNotContain(OnboardingRequestValidator.Validate(json).Problems, p => p.Field == field && p.Code != ProblemCodes.OriginationRequired);
        }
        var other = Complete();
        Set(other, field, "Carrier" + "Pigeon");
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

    private static JsonObject PropertyOf(string path) =>
        path.Split('.') is [var section, var member] ? Section["properties"]![member]!.AsObject() : Properties[path]!.AsObject();

    private static void Set(JsonObject json, string path, JsonNode? value)
    {
        if (path.Split('.') is [var section, var member])
        {
            json[section]![member] = value;
        }
        else
        {
            json[path] = value;
        }
    }

    private static void Remove(JsonObject json, string path)
    {
        if (path.Split('.') is [var section, var member])
        {
            json[section]!.AsObject().Remove(member);
        }
        else
        {
            json.Remove(path);
        }
    }

    // Valid() plus the optional fields it leaves out.
    private static JsonObject Complete()
    {
        var json = SampleRequests.Valid();
        json["requestId"] = "schema-check-1";
        json["accountId"] = "111122223333";
        json["snsRegion"] = "us-east-1";
        json[RegistrationFields.SectionName]!["street2"] = "Suite 200";
        return json;
    }
}
