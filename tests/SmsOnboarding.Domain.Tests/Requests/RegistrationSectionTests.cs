using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Domain.Tests.Requests;

public class RegistrationSectionTests
{
    [Fact]
    public void A_toll_free_request_without_the_section_gets_one_required_problem_per_member_the_form_needs()
    {
        var problems = OnboardingRequestValidator.Validate(SampleRequests.Without("registration")).Problems;

        var expected = RegistrationFields.All.Where(f => f.Required).Select(f => "registration." + f.Name)
            .Append("registration.optInScreenshot").Order();
        Assert.Equal(expected, problems.Select(p => p.Field).Order());
        Assert.All(problems, p => Assert.Equal(ProblemCodes.Required, p.Code));
        Assert.Contains(problems, p => p.Message == "registration.optInScreenshot is required for a US toll-free registration.");
    }

    [Theory]
    [InlineData("CA", "TollFree")]
    [InlineData("US", "ShortCode")]
    public void A_request_that_needs_no_US_registration_needs_no_section(string country, string origination)
    {
        var json = SampleRequests.Without("registration");
        json["countries"] = new JsonArray(country);
        json["originationType"] = origination;

        var result = OnboardingRequestValidator.Validate(json);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Null(result.Request!.Registration);
    }

    [Fact]
    public void A_10DLC_request_needs_the_industry_and_not_the_screenshot()
    {
        var json = SampleRequests.Valid();
        json["originationType"] = "TenDlc";
        var section = json["registration"]!.AsObject();
        section.Remove("vertical");
        section.Remove("optInScreenshot");

        var problem = Assert.Single(OnboardingRequestValidator.Validate(json).Problems);

        Assert.Equal(("registration.vertical", ProblemCodes.Required), (problem.Field, problem.Code));
        Assert.Equal("registration.vertical is required for a US 10DLC brand registration.", problem.Message);
    }

    [Fact]
    public void Only_a_sole_proprietor_registers_without_a_tax_id()
    {
        var company = SampleRequests.Valid();
        company["registration"]!.AsObject().Remove("taxId");
        var soleProprietor = SampleRequests.Valid();
        soleProprietor["registration"]!.AsObject().Remove("taxId");
        soleProprietor["registration"]!["businessType"] = "SOLE_PROPRIETOR";

        var problem = Assert.Single(OnboardingRequestValidator.Validate(company).Problems);

        Assert.Equal(("registration.taxId", ProblemCodes.Required), (problem.Field, problem.Code));
        Assert.True(OnboardingRequestValidator.Validate(soleProprietor).IsValid);
    }

    [Theory]
    [InlineData("supportEmail", "support.example.com", ProblemCodes.InvalidFormat)]
    [InlineData("supportPhone", "call us", ProblemCodes.InvalidPhoneNumber)]
    [InlineData("country", "XX", ProblemCodes.UnknownCountry)]
    [InlineData("privacyPolicyUrl", "ftp://example.com/privacy", ProblemCodes.InvalidFormat)]
    [InlineData("monthlyVolume", "12,345", ProblemCodes.InvalidValue)]
    [InlineData("optInScreenshot", "data:image/gif;base64,R0lGODlh", ProblemCodes.InvalidFormat)]
    [InlineData("optInScreenshot", "data:image/png;base64,JVBERi0xLjQ=", ProblemCodes.InvalidFormat)]
    [InlineData("optInScreenshot", "data:image/png;base64,@@@", ProblemCodes.InvalidFormat)]
    [InlineData("optInScreenshot", "s3://bucket-only", ProblemCodes.InvalidFormat)]
    [InlineData("colour", "blue", ProblemCodes.UnknownField)]
    public void A_wrong_member_is_one_problem_named_by_its_path(string member, string value, string code)
    {
        var json = SampleRequests.Valid();
        json["registration"]![member] = value;

        var problem = Assert.Single(OnboardingRequestValidator.Validate(json).Problems);

        Assert.Equal(("registration." + member, code), (problem.Field, problem.Code));
    }

    [Fact]
    public void A_section_that_is_not_an_object_is_a_wrong_type()
    {
        var problem = Assert.Single(OnboardingRequestValidator.Validate(SampleRequests.With("registration", "Example Inc.")).Problems);

        Assert.Equal(("registration", ProblemCodes.WrongType), (problem.Field, problem.Code));
    }

    [Fact]
    public void An_s3_screenshot_and_a_pdf_are_accepted_and_the_section_is_kept_normalised()
    {
        var s3 = SampleRequests.Valid();
        s3["registration"]!["optInScreenshot"] = "s3://opt-in-screens/checkout.png";
        s3["registration"]!["supportPhone"] = "+1 206-555-0100";
        var pdf = SampleRequests.Valid();
        pdf["registration"]!["optInScreenshot"] = "data:application/pdf;base64,JVBERi0xLjQ=";

        var result = OnboardingRequestValidator.Validate(s3);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("+12065550100", result.Request!.Registration!.SupportPhone);
        Assert.Equal("s3://opt-in-screens/checkout.png", result.Request.Registration.OptInScreenshot);
        Assert.True(OnboardingRequestValidator.Validate(pdf).IsValid);
        Assert.Equal(result.Request, OnboardingRequestValidator.Validate(OnboardingJson.Serialize(result.Request)).Request);
    }

    [Fact]
    public void A_toll_free_request_keeps_the_use_case_opt_in_and_samples_within_the_forms_lengths()
    {
        var json = SampleRequests.Valid();
        json["useCase"] = "Sign-in codes.";
        json["optInProcess"] = new string('x', 1501);
        json["sampleMessages"] = new JsonArray("Code {####}");
        json["websiteUrl"] = "https://checkout.example.com/" + new string('p', 80);

        var problems = OnboardingRequestValidator.Validate(json).Problems;

        Assert.Equal(["optInProcess", "sampleMessages[0]", "useCase", "websiteUrl"], problems.Select(p => p.Field).Order());
        Assert.All(problems, p => Assert.Equal(ProblemCodes.OutOfRange, p.Code));
        Assert.Contains(problems, p => p.Message == "useCase is 14 characters long; AWS's US toll-free registration form takes 40 to 500.");
    }

    [Fact]
    public void The_sample_section_of_the_tests_is_the_one_of_the_documented_example()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "docs", "examples", "onboarding-request.json")))!;
        var sample = SampleRegistration.Json(vertical: null);

        Assert.True(JsonNode.DeepEquals(sample, example["registration"]));
    }
}
