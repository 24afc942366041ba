using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Domain.Tests.Requests;

public class OnboardingRequestValidatorTests
{
    [Fact]
    public void A_complete_request_is_valid_and_normalised()
    {
        var result = OnboardingRequestValidator.Validate(SampleRequests.Valid());

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var request = result.Request!;
        Assert.Equal("us-east-1", request.PoolRegion);
        Assert.Equal("us-east-1", request.ResolvedSnsRegion);
        Assert.Equal(["+12065550101", "+12065550102"], request.SandboxNumbers);
        Assert.Equal(MessageType.OneTimePassword, request.MessageType);
        Assert.Equal(250m, request.MonthlySpendUsd);
    }

    [Fact]
    public void The_example_request_in_the_docs_is_valid()
    {
        var path = Path.Combine(RepoRoot.Find(), "docs", "examples", "onboarding-request.json");
        var result = OnboardingRequestValidator.Validate(File.ReadAllText(path));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = SampleRequests.Valid();
        json["userPoolId"] = "nope";
        json["monthlySpendUsd"] = -3;
        json["countries"] = new JsonArray();
        json["approvers"] = new JsonArray("alice");
        json["colour"] = "blue";

        var result = OnboardingRequestValidator.Validate(json);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["approvers[0]", "colour", "countries", "monthlySpendUsd", "userPoolId"],
            result.Problems.Select(p => p.Field).Order());
    }

    [Theory]
    [InlineData("{", "invalidJson")]
    [InlineData("[]", "notAnObject")]
    [InlineData("null", "notAnObject")]
    [InlineData("42", "notAnObject")]
    public void Input_that_is_not_a_json_object_is_one_clear_problem(string text, string code)
    {
        var result = OnboardingRequestValidator.Validate(text);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal("$", problem.Field);
    }

    [Fact]
    public void A_document_over_256_KiB_is_refused_before_parsing()
    {
        var huge = "{\"useCase\":\"" + new string('x', 300 * 1024) + "\"}";
        Assert.Equal(ProblemCodes.TooLarge, Assert.Single(OnboardingRequestValidator.Validate(huge).Problems).Code);
    }

    [Theory]
    [InlineData("userPoolId")]
    [InlineData("countries")]
    [InlineData("monthlySpendUsd")]
    [InlineData("messageType")]
    [InlineData("useCase")]
    [InlineData("websiteUrl")]
    [InlineData("optInProcess")]
    [InlineData("sampleMessages")]
    [InlineData("requester")]
    [InlineData("approvers")]
    [InlineData("team")]
    public void A_missing_required_field_is_named(string field)
    {
        AssertOnlyProblem(SampleRequests.Without(field), field, ProblemCodes.Required);
        AssertOnlyProblem(SampleRequests.With(field, null), field, ProblemCodes.Required);
    }

    [Theory]
    [InlineData("accountId")]
    [InlineData("snsRegion")]
    [InlineData("sandboxNumbers")]
    [InlineData("originationType")]
    [InlineData("requestId")]
    public void Optional_fields_may_be_left_out(string field) =>
        Assert.True(OnboardingRequestValidator.Validate(SampleRequests.Without(field)).IsValid);

    [Fact]
    public void Origination_type_defaults_to_toll_free() =>
        Assert.Equal(OriginationType.TollFree, OnboardingRequestValidator.Validate(SampleRequests.Without("originationType")).Request!.OriginationType);

    [Fact]
    public void Unknown_fields_are_named_in_the_error() =>
        AssertOnlyProblem(SampleRequests.With("userPoolID", "x"), "userPoolID", ProblemCodes.UnknownField);

    [Theory]
    [InlineData("userPoolId", "eu-central-1_AbC123", true, null)]
    [InlineData("userPoolId", "eu-central-1AbC123", false, "invalidFormat")]
    [InlineData("userPoolId", "mars-north-1_AbC123", false, "unknownRegion")]
    [InlineData("accountId", "123456789012", true, null)]
    [InlineData("accountId", "12345678901", false, "invalidFormat")]
    [InlineData("accountId", "12345678901a", false, "invalidFormat")]
    [InlineData("snsRegion", "us-east-1", true, null)]
    [InlineData("snsRegion", "eu-west-1", false, "snsRegionNotAllowed")]
    [InlineData("snsRegion", "moon-1", false, "unknownRegion")]
    [InlineData("messageType", "Promotional", true, null)]
    [InlineData("messageType", "Spam", false, "invalidValue")]
    [InlineData("messageType", "1", false, "invalidValue")]
    [InlineData("originationType", "ShortCode", true, null)]
    [InlineData("originationType", "Pigeon", false, "invalidValue")]
    [InlineData("websiteUrl", "http://example.com/app", true, null)]
    [InlineData("websiteUrl", "ftp://example.com", false, "invalidFormat")]
    [InlineData("websiteUrl", "example.com", false, "invalidFormat")]
    [InlineData("requester", "carol@example.com", true, null)]
    [InlineData("requester", "carol smith", false, "invalidFormat")]
    [InlineData("team", "  ", false, "empty")]
    [InlineData("requestId", "req-1_a", true, null)]
    [InlineData("requestId", "req 1", false, "invalidFormat")]
    public void String_fields_are_checked(string field, string value, bool valid, string? code)
    {
        var json = SampleRequests.With(field, value);
        if (valid)
        {
            Assert.True(OnboardingRequestValidator.Validate(json).IsValid, string.Join("; ", OnboardingRequestValidator.Validate(json).Problems));
        }
        else
        {
            AssertOnlyProblem(json, field, code!);
        }
    }

    [Fact]
    public void A_seoul_pool_may_only_send_through_tokyo()
    {
        var json = SampleRequests.With("userPoolId", "ap-northeast-2_Seoul1");
        Assert.Equal("ap-northeast-1", OnboardingRequestValidator.Validate(json).Request!.ResolvedSnsRegion);

        json["snsRegion"] = "ap-northeast-2";
        AssertOnlyProblem(json, "snsRegion", ProblemCodes.SnsRegionNotAllowed);
    }

    [Fact]
    public void A_frankfurt_pool_may_use_its_legacy_alternate_ireland()
    {
        var json = SampleRequests.With("userPoolId", "eu-central-1_AbC123");
        json["snsRegion"] = "eu-west-1";
        Assert.Equal("eu-west-1", OnboardingRequestValidator.Validate(json).Request!.ResolvedSnsRegion);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void Monthly_spend_must_be_positive_and_bounded(decimal value) =>
        AssertOnlyProblem(SampleRequests.With("monthlySpendUsd", value), "monthlySpendUsd", ProblemCodes.OutOfRange);

    [Theory]
    [InlineData("10.5")]
    [InlineData("0.99")]
    [InlineData("10.005")]
    public void Monthly_spend_is_whole_dollars_because_the_approved_quota_is(string value)
    {
        var problem = AssertOnlyProblem(SampleRequests.With("monthlySpendUsd", JsonNode.Parse(value)), "monthlySpendUsd", ProblemCodes.InvalidFormat);
        Assert.Contains("MaxLimit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Monthly_spend_written_with_a_zero_fraction_is_the_same_whole_amount()
    {
        var request = OnboardingRequestValidator.Validate(SampleRequests.With("monthlySpendUsd", JsonNode.Parse("250.0"))).Request!;
        Assert.Equal(OnboardingRequestValidator.Validate(SampleRequests.Valid()).Request, request);
        Assert.Equal("250", request.MonthlySpendUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void No_origination_identity_is_refused_when_a_destination_is_in_the_us()
    {
        var problem = AssertOnlyProblem(SampleRequests.With("originationType", "None"), "originationType", ProblemCodes.OriginationRequired);
        Assert.Contains("US", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_origination_identity_is_accepted_without_us_destinations()
    {
        var json = SampleRequests.With("originationType", "None");
        json["countries"] = new JsonArray("CA", "DE");
        Assert.Equal(OriginationType.None, OnboardingRequestValidator.Validate(json).Request!.OriginationType);
    }

    [Fact]
    public void Monthly_spend_given_as_a_string_is_a_type_error() =>
        AssertOnlyProblem(SampleRequests.With("monthlySpendUsd", "250"), "monthlySpendUsd", ProblemCodes.WrongType);

    [Fact]
    public void A_number_too_big_for_money_is_out_of_range() =>
        AssertOnlyProblem(JsonNode.Parse(SampleRequests.Valid().ToJsonString().Replace("250", "1e400", StringComparison.Ordinal))!, "monthlySpendUsd", ProblemCodes.OutOfRange);

    [Fact]
    public void Countries_are_iso_codes_upper_cased_without_duplicates()
    {
        Assert.Equal(["US", "GB"], OnboardingRequestValidator.Validate(SampleRequests.With("countries", new JsonArray("us", "gb"))).Request!.Countries);
        AssertOnlyProblem(SampleRequests.With("countries", new JsonArray("US", "XX")), "countries[1]", ProblemCodes.UnknownCountry);
        AssertOnlyProblem(SampleRequests.With("countries", new JsonArray("US", "us")), "countries[1]", ProblemCodes.Duplicate);
        AssertOnlyProblem(SampleRequests.With("countries", new JsonArray()), "countries", ProblemCodes.TooFew);
        AssertOnlyProblem(SampleRequests.With("countries", "US"), "countries", ProblemCodes.WrongType);
        AssertOnlyProblem(SampleRequests.With("countries", new JsonArray("US", 7)), "countries[1]", ProblemCodes.WrongType);
    }

    [Fact]
    public void Sample_messages_number_one_to_five()
    {
        AssertOnlyProblem(SampleRequests.With("sampleMessages", new JsonArray()), "sampleMessages", ProblemCodes.TooFew);
        AssertOnlyProblem(SampleRequests.With("sampleMessages", new JsonArray("a", "b", "c", "d", "e", "f")), "sampleMessages", ProblemCodes.TooMany);
        AssertOnlyProblem(SampleRequests.With("sampleMessages", new JsonArray(new string('m', 1601))), "sampleMessages[0]", ProblemCodes.TooLong);
    }

    [Fact]
    public void Sandbox_numbers_are_at_most_ten_valid_distinct_e164_numbers()
    {
        var eleven = new JsonArray(Enumerable.Range(101, 11).Select(n => (JsonNode?)$"+1206555{n:0000}").ToArray());
        AssertOnlyProblem(SampleRequests.With("sandboxNumbers", eleven), "sandboxNumbers", ProblemCodes.TooMany);
        AssertOnlyProblem(SampleRequests.With("sandboxNumbers", new JsonArray("2065550101")), "sandboxNumbers[0]", ProblemCodes.InvalidPhoneNumber);
        AssertOnlyProblem(SampleRequests.With("sandboxNumbers", new JsonArray("+1 206 555 0101", "+12065550101")), "sandboxNumbers[1]", ProblemCodes.Duplicate);
        AssertOnlyProblem(SampleRequests.With("sandboxNumbers", new JsonArray("+999")), "sandboxNumbers[0]", ProblemCodes.InvalidPhoneNumber);
        Assert.True(OnboardingRequestValidator.Validate(SampleRequests.With("sandboxNumbers", new JsonArray())).IsValid);
    }

    [Fact]
    public void Approvers_exclude_the_requester_and_duplicates()
    {
        AssertOnlyProblem(SampleRequests.With("approvers", new JsonArray("bob", "Alice")), "approvers[1]", ProblemCodes.RequesterIsApprover);
        AssertOnlyProblem(SampleRequests.With("approvers", new JsonArray("bob", "bob")), "approvers[1]", ProblemCodes.Duplicate);
        AssertOnlyProblem(SampleRequests.With("approvers", new JsonArray()), "approvers", ProblemCodes.TooFew);
    }

    [Fact]
    public void Huge_strings_are_refused_with_their_length()
    {
        var problem = AssertOnlyProblem(SampleRequests.With("useCase", new string('u', 5000)), "useCase", ProblemCodes.TooLong);
        Assert.Contains("5000", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validating_its_own_output_gives_the_same_request()
    {
        var first = OnboardingRequestValidator.Validate(SampleRequests.Valid()).Request!;
        var second = OnboardingRequestValidator.Validate(OnboardingJson.Serialize(first)).Request;
        Assert.Equal(first, second);
    }

    private static ValidationProblem AssertOnlyProblem(JsonNode json, string field, string code)
    {
        var result = OnboardingRequestValidator.Validate(json);
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((field, code), (problem.Field, problem.Code));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        return problem;
    }
}
