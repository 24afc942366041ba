using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Api.Tests;

/// <summary>
/// A process killed between storing an onboarding and starting its execution leaves a record 'submitted' with no
/// execution: startup and a read of it start it (idempotently), so it never sits there forever.
/// </summary>
public sealed class ReconcileTests
{
    private static readonly DateTimeOffset StoredAt = new(2026, 11, 2, 8, 59, 0, TimeSpan.Zero);

    [Fact]
    public async Task Startup_starts_an_onboarding_a_crash_left_without_its_execution()
    {
        var data = Directory.CreateTempSubdirectory("smsonboard-reconcile-").FullName;
        var left = await StoreCutShortAsync(new SqliteOnboardingStore(Path.Combine(data, "onboardings.db")), "crash-1");

        await using var server = await ApiServer.StartAsync(data: data);

        Assert.Equal(1, server.Host.StartedAtStartup);
        Assert.Equal(1, server.Runtime.Starts);
        var record = await server.Host.Services.GetRequiredService<IOnboardingStore>().GetAsync(left.Id, CancellationToken.None);
        Assert.Equal(OnboardingStatus.Running, record!.Status);
        Assert.EndsWith(":" + left.Id, record.ExecutionArn, StringComparison.Ordinal);
        Assert.Equal(left.RequestJson, server.Runtime.Get(left.Id).Input);
    }

    [Fact]
    public async Task Reading_it_starts_it_after_the_grace_and_not_before()
    {
        await using var server = await ApiServer.StartAsync();
        var store = server.Host.Services.GetRequiredService<IOnboardingStore>();
        var left = await StoreCutShortAsync(store, "crash-2", server.Time.GetUtcNow());
        using var olivia = server.Client(ApiServer.Olivia);

        var (_, early) = await ApiServer.SendAsync(olivia, HttpMethod.Get, $"api/onboardings/{left.Id}");
        var startsBeforeGrace = server.Runtime.Starts;
        server.Time.Advance(OnboardingService.StartGrace + TimeSpan.FromSeconds(1));
        var (status, late) = await ApiServer.SendAsync(olivia, HttpMethod.Get, $"api/onboardings/{left.Id}");

        Assert.Equal(0, startsBeforeGrace);
        Assert.Equal("submitted", (string?)early!["status"]);
        Assert.Equal(200, status);
        Assert.Equal(1, server.Runtime.Starts);
        Assert.Equal("running", (string?)late!["status"]);
    }

    [Fact]
    public async Task Submitting_the_same_body_again_answers_with_the_same_onboarding_started()
    {
        await using var server = await ApiServer.StartAsync();
        var left = await StoreCutShortAsync(server.Host.Services.GetRequiredService<IOnboardingStore>(), "crash-3", server.Time.GetUtcNow());
        using var alice = server.Client(ApiServer.Alice);

        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", ApiServer.Request("crash-3"));

        Assert.Equal(202, status);
        Assert.Equal(left.Id, (string?)body!["id"]);
        Assert.Equal(1, server.Runtime.Starts);
    }

    /// <summary>What SubmitAsync stores before it starts the execution, as a crash right there leaves it.</summary>
    private static async Task<OnboardingRecord> StoreCutShortAsync(IOnboardingStore store, string requestId, DateTimeOffset? at = null)
    {
        var request = OnboardingRequestValidator.Validate((JsonNode)ApiServer.Request(requestId)).Request!;
        var record = new OnboardingRecord("onb-" + requestId.Replace("-", "", StringComparison.Ordinal).PadLeft(12, '0')[..12], request.RequestId,
            request.Requester, request.Approvers, request.Team, request.UserPoolId, OnboardingStatus.Submitted, null,
            OnboardingPlanner.Plan(request, ObservedFacts.Unknown), OnboardingJson.Serialize(request), at ?? StoredAt, at ?? StoredAt);
        var (stored, created) = await store.AddAsync(record, CancellationToken.None);
        Assert.True(created);
        return stored;
    }
}
