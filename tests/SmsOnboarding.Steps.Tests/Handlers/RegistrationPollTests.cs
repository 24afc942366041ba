using System.Text.Json;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.AdvanceOrigination;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.Handlers;

public sealed class RegistrationPollTests
{
    [Fact]
    public async Task Registration_poll_fails_with_the_reason_once_the_review_deadline_has_passed()
    {
        // AWS takes 100 days over this review, far beyond the 15 business days it states.
        await using var aws = await SimulatedAws.StartAsync(SimulatedAws.DefaultScenario() with
        {
            Reviews = new ReviewPolicies { Registration = new ReviewPolicy(24 * 100) },
        });
        var host = aws.Host();
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);
        var started = aws.Clock.GetUtcNow();

        var progress = await PollAsync(host, pool, new OriginationProgress("register"));
        aws.Clock.Advance(AdvanceOriginationHandler.ReviewDeadline - TimeSpan.FromHours(1));
        progress = await PollAsync(host, pool, progress);
        aws.Clock.Advance(TimeSpan.FromHours(2));
        var failure = await Assert.ThrowsAsync<StepException>(() => PollAsync(host, pool, progress));

        Assert.Equal("pending", progress.Action);
        Assert.Equal(started, progress.WaitingSince);
        Assert.Equal(StepErrors.Failed, failure.ErrorName);
        Assert.Contains($"still not usable 45 days after the workflow started waiting on it ({started:yyyy-MM-dd})", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_REVIEWING", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toll_free_registration_goes_through_with_the_steps_own_grants_and_not_without_the_association()
    {
        var granted = await FirstPollAsync(AdvanceOriginationStep.Descriptor.Permissions);
        var withoutAssociation = AdvanceOriginationStep.Descriptor.Permissions
            .Select(g => g with { Actions = [.. g.Actions.Where(a => a != "sms-voice:CreateRegistrationAssociation")] });
        var refused = await Assert.ThrowsAsync<StepException>(() => FirstPollAsync(withoutAssociation));

        Assert.Equal("pending", granted.Action);
        Assert.Contains("Associating the number failed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<OriginationProgress> FirstPollAsync(IEnumerable<IamGrant> grants)
    {
        await using var aws = await SimulatedAws.StartAsync();
        var pool = await InvokeAsync<PoolInfo>(aws.Host(), ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);
        using var clients = await StepRole.AssumeAsync(aws, "step-" + AdvanceOriginationStep.Name, grants);
        return await PollAsync(new StepHost(clients, aws.Store, aws.Inbox, aws.Clock), pool, new OriginationProgress("register"));
    }

    private static Task<OriginationProgress> PollAsync(StepHost host, PoolInfo pool, OriginationProgress progress) =>
        InvokeAsync<OriginationProgress>(host, AdvanceOriginationStep.Name,
            new OriginationInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, SimulatedAws.Settings, progress), AdvanceOriginationStep.Descriptor);

    private static async Task<T> InvokeAsync<T>(StepHost host, string step, object input, StepDescriptor descriptor) =>
        (T)JsonSerializer.Deserialize(await host.InvokeAsync(step, JsonSerializer.Serialize(input, descriptor.Input)), descriptor.Output)!;
}
