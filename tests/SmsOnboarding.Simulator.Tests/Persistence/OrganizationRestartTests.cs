using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Simulator.Persistence;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Simulator.Tests.Persistence;

public sealed class OrganizationRestartTests : IDisposable
{
    private const string Member = "444455556666";

    private readonly string _dir = Directory.CreateTempSubdirectory("sim-org-").FullName;

    [Fact]
    public void Member_accounts_are_saved_in_the_roots_file_and_come_back_whole_after_a_restart()
    {
        var path = Path.Combine(_dir, "simulator.json");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var scenario = ScenarioLoader.Parse("""
            { "organization": { "accounts": [ { "accountId": "444455556666", "scenario": {
                "productionRegions": ["eu-west-1"],
                "seed": { "userPools": [ { "region": "eu-west-1", "poolName": "payments", "id": "eu-west-1_Payments1" } ] } } } ] } }
            """);
        var first = SimulatorStateFile.OpenOrCreate(path, scenario, time);
        Assert.Equal("o-exampleorgid", first.OrganizationId);

        // Restoring never seeds: the member, its pool and its sandbox state can only come from the file.
        var reopened = SimulatorStateFile.OpenOrCreate(path, scenario, time);
        var member = Assert.Single(reopened.Members).Value;
        Assert.Equal(Member, member.AccountId);
        Assert.True(member.HasUserPool("eu-west-1", "eu-west-1_Payments1"));
        Assert.False(reopened.HasUserPool("eu-west-1", "eu-west-1_Payments1"));
        Assert.False(member.IsInSandbox("eu-west-1"));
        Assert.True(reopened.IsInSandbox("eu-west-1"));
        Assert.Same(member, reopened.AccountById(Member));
    }

    [Fact]
    public void An_organisation_naming_the_simulated_account_itself_or_a_member_twice_is_refused_with_the_field()
    {
        var self = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""{ "organization": { "accounts": [ { "accountId": "111122223333" } ] } }"""));
        Assert.Equal("$.organization.accounts[0].accountId", self.Field);
        var twice = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            """{ "organization": { "accounts": [ { "accountId": "444455556666" }, { "accountId": "444455556666" } ] } }"""));
        Assert.Equal("$.organization.accounts[1].accountId", twice.Field);
        var nested = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            """{ "organization": { "accounts": [ { "accountId": "444455556666", "scenario": { "supportPlan": "Gold" } } ] } }"""));
        Assert.StartsWith("$.organization.accounts[0].scenario", nested.Field, StringComparison.Ordinal);
        var badId = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""{ "organization": { "id": "org-1" } }"""));
        Assert.Equal("$.organization.id", badId.Field);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
