using SmsOnboarding.Api.Onboardings;

namespace SmsOnboarding.Api.Tests.Stores;

/// <summary>The pool rule in <c>onboardings.db</c>, with concurrent writers on separate connections.</summary>
public sealed class SqlitePoolRuleTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pool-rule-" + Guid.NewGuid().ToString("N"));

    private SqliteOnboardingStore Store() => new(Path.Combine(_directory, "onboardings.db"));

    [Fact]
    public Task Of_concurrent_submits_for_one_pool_exactly_one_is_created() =>
        PoolRule.Of_concurrent_submits_for_one_pool_exactly_one_is_created(Store());

    [Fact]
    public Task A_replayed_request_answers_its_own_onboarding_not_a_busy_pool() =>
        PoolRule.A_replayed_request_answers_its_own_onboarding_not_a_busy_pool(Store());

    [Fact]
    public Task Pools_are_independent_and_free_again_once_their_onboarding_ends() =>
        PoolRule.Pools_are_independent_and_free_again_once_their_onboarding_ends(Store());

    [Fact]
    public Task A_failed_onboarding_frees_its_pool_and_cannot_take_it_back_while_another_holds_it() =>
        PoolRule.A_failed_onboarding_frees_its_pool_and_cannot_take_it_back_while_another_holds_it(Store());

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
