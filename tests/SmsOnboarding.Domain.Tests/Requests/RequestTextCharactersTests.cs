using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Domain.Tests.Requests;

/// <summary>Free text ends up in case texts, logs, terminals and the UI: it must read as what it is.</summary>
public class RequestTextCharactersTests
{
    [Theory]
    [InlineData("team", "check\u0000out", "control character (U+0000)")]
    [InlineData("team", "check\u001b[2Jout", "control character (U+001B)")]
    [InlineData("team", "checkout\u202Egnp.exe", "bidirectional text control (U+202E)")]
    [InlineData("team", "check\u2066out", "bidirectional text control (U+2066)")]
    [InlineData("team", "check\nout", "control character (U+000A)")]
    [InlineData("requestId", "abc\u0007", "control character (U+0007)")]
    [InlineData("useCase", "Sign-in \u202Ecodes", "bidirectional text control (U+202E)")]
    [InlineData("optInProcess", "Profile\u0000page", "control character (U+0000)")]
    public void A_free_text_field_with_a_forbidden_character_is_refused_with_a_specific_problem(string field, string value, string named)
    {
        var json = SampleRequests.Valid();
        json[field] = value;

        var result = OnboardingRequestValidator.Validate(json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Equal(ProblemCodes.ForbiddenCharacter, problem.Code);
        Assert.Contains(named, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sample_message_with_a_bidi_override_is_refused_at_its_index()
    {
        var json = SampleRequests.Valid();
        json["sampleMessages"] = new System.Text.Json.Nodes.JsonArray("Your code is {####}", "Code \u202D{####}");

        var problem = Assert.Single(OnboardingRequestValidator.Validate(json).Problems);

        Assert.Equal("sampleMessages[1]", problem.Field);
        Assert.Equal(ProblemCodes.ForbiddenCharacter, problem.Code);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_a_problem_not_a_crash()
    {
        var text = SampleRequests.Valid().ToJsonString().Replace("\"checkout\"", "\"\\ud83d\"", StringComparison.Ordinal);

        var problem = Assert.Single(OnboardingRequestValidator.Validate(text).Problems);

        Assert.Equal("team", problem.Field);
        Assert.Equal(ProblemCodes.InvalidText, problem.Code);
    }

    [Fact]
    public void Prose_keeps_its_line_breaks_tabs_and_emoji()
    {
        var json = SampleRequests.Valid();
        json["useCase"] = "Sign-in codes.\nAccount recovery for customers.\tBoth 🔐.";
        json["sampleMessages"] = new System.Text.Json.Nodes.JsonArray("Your sign-in code:\n{####}");

        var result = OnboardingRequestValidator.Validate(json);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("Sign-in codes.\nAccount recovery for customers.\tBoth 🔐.", result.Request!.UseCase);
    }
}
