using System.Text;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Domain.Tests.Requests;

/// <summary>RFC 8259's interoperable JSON: UTF-8, unique names, strings that are text; anything else is one problem.</summary>
public class StrictJsonTests
{
    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", "a")]
    [InlineData("{\"a\":1,\"\\u0061\":2}", "a")]
    [InlineData("{\"x\":[{\"b\":1},{\"b\":1,\"b\":2}]}", "x[1].b")]
    [InlineData("{\"we ird\":1,\"we ird\":1}", "$['we ird']")]
    public void A_name_given_twice_is_a_duplicate_key_at_its_path(string json, string field)
    {
        var (node, problem) = StrictJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Null(node);
        Assert.Equal(ProblemCodes.DuplicateKey, problem!.Code);
        Assert.Equal(field, problem.Field);
    }

    [Theory]
    [InlineData("{\"team\":\"\\ud83d\"}", "team")]
    [InlineData("{\"team\":\"\\udc00abc\"}", "team")]
    [InlineData("[\"ok\",\"\\ud83d\\u0041\"]", "$[1]")]
    [InlineData("{\"\\ud83d\":1}", "$")]
    public void An_unpaired_surrogate_escape_is_not_text(string json, string field)
    {
        var (_, problem) = StrictJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(ProblemCodes.InvalidText, problem!.Code);
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void Invalid_utf8_names_the_first_bad_byte()
    {
        byte[] bytes = [.. "{\"a\":\""u8, 0xE2, 0x82, .. "\"}"u8];

        var (_, problem) = StrictJson.Parse(bytes);

        Assert.Equal(ProblemCodes.InvalidUtf8, problem!.Code);
        Assert.Contains("byte 6", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":1,}")]
    public void Text_that_is_not_one_json_value_is_invalid_json(string json)
    {
        var (_, problem) = StrictJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(ProblemCodes.InvalidJson, problem!.Code);
    }

    [Fact]
    public void Surrogate_pairs_a_byte_order_mark_and_null_are_fine()
    {
        var (emoji, none) = StrictJson.Parse(Encoding.UTF8.GetBytes("{\"team\":\"\\ud83d\\udd10 \U0001F510\"}"));
        var (bom, alsoNone) = StrictJson.Parse((byte[])[.. Encoding.UTF8.Preamble, .. "{\"a\":[1]}"u8]);
        var (nothing, noProblem) = StrictJson.Parse("null"u8.ToArray());

        Assert.Equal((null, null, null), (none, alsoNone, noProblem));
        Assert.Equal("\U0001F510 \U0001F510", (string?)emoji!["team"]);
        Assert.Equal(1, (int)bom!["a"]![0]!);
        Assert.Null(nothing);
    }

    [Fact]
    public void A_request_file_with_a_duplicate_key_is_one_problem_from_the_validator_too()
    {
        var text = "{\"team\":\"x\"," + SampleRequests.Valid().ToJsonString()[1..];

        var problem = Assert.Single(OnboardingRequestValidator.Validate(text).Problems);

        Assert.Equal((ProblemCodes.DuplicateKey, "team"), (problem.Code, problem.Field));
    }
}
