using System.Text.Json;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.SendVerificationCode;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.Handlers;

/// <summary>The SMS sandbox holds 10 numbers per account and Region: an onboarding never fails because other onboardings filled it.</summary>
public sealed class SandboxCapacityTests
{
    [Fact]
    public async Task A_number_finding_the_accounts_sandbox_full_is_not_sent_a_code_and_waits_for_the_sandbox_exit()
    {
        var others = Enumerable.Range(0, 10).Select(i => new SeedSandboxNumber("us-east-1", "+1206555" + (2000 + i))).ToList();
        await using var aws = await SimulatedAws.StartAsync(SimulatedAws.DefaultScenario(seed => seed with { VerifiedNumbers = others }));
        var host = aws.Host();
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);

        var sends = await InvokeAsync<CodeSends>(host, SendVerificationCodeStep.Name,
            new SendCodeInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, "+12065550101", SimulatedAws.Settings, new CodeSends([]), Resend: false),
            SendVerificationCodeStep.Descriptor);

        Assert.Equal(new CodeSends([], AlreadyVerified: true, Limited: false, SandboxFull: true), sends with { SentAt = [] });
        Assert.Empty(sends.SentAt);
        Assert.Empty(aws.Account.MessagesTo("+12065550101"));
    }

    [Fact]
    public async Task A_sandbox_with_room_for_one_more_number_still_sends_it_a_code()
    {
        var numbers = Enumerable.Range(0, 9).Select(i => new SeedSandboxNumber("us-east-1", "+1206555" + (2000 + i))).ToList();
        await using var aws = await SimulatedAws.StartAsync(SimulatedAws.DefaultScenario(seed => seed with { VerifiedNumbers = numbers }));
        var host = aws.Host();
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);

        var sends = await InvokeAsync<CodeSends>(host, SendVerificationCodeStep.Name,
            new SendCodeInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, "+12065550101", SimulatedAws.Settings, new CodeSends([]), Resend: false),
            SendVerificationCodeStep.Descriptor);

        Assert.False(sends.SandboxFull);
        Assert.Single(sends.SentAt);
        Assert.Single(aws.Account.MessagesTo("+12065550101"));
    }

    private static async Task<T> InvokeAsync<T>(StepHost host, string step, object input, StepDescriptor descriptor) =>
        (T)JsonSerializer.Deserialize(await host.InvokeAsync(step, JsonSerializer.Serialize(input, descriptor.Input)), descriptor.Output)!;
}
