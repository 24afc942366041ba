using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Domain.Tests.Requests;

namespace SmsOnboarding.Domain.Tests.Planning;

public class ObservedProblemsTests
{
    private static readonly OnboardingRequest Request = OnboardingRequestValidator.Validate(SampleRequests.Valid()).Request!;

    [Fact]
    public void A_pool_observed_missing_is_a_problem_on_userPoolId()
    {
        var problem = Assert.Single(ObservedProblems.For(Request, new ObservedFacts(UserPoolExists: false)));

        Assert.Equal("userPoolId", problem.Field);
        Assert.Equal("userPoolNotFound", problem.Code);
        Assert.Contains(Request.UserPoolId, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(null)]
    public void A_pool_that_exists_or_could_not_be_observed_is_no_problem(bool? exists)
    {
        Assert.Empty(ObservedProblems.For(Request, new ObservedFacts(UserPoolExists: exists)));
    }
}
