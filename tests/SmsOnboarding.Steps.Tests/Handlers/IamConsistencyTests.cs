using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.Finalize;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.Handlers;

/// <summary>
/// IAM is eventually consistent (AWS-FACTS-2 §6): a new role reads as missing for a while, and Cognito refuses it for
/// longer. The steps wait for it instead of failing or minting a second external id.
/// </summary>
public sealed class IamConsistencyTests
{
    [Fact]
    public async Task A_role_an_earlier_attempt_created_is_waited_for_and_keeps_its_first_external_id()
    {
        await using var aws = await SimulatedAws.StartAsync(Propagating(readSeconds: 30, roleAssumptionSeconds: 60));
        var host = aws.Host();
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);
        var input = new StepInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool);

        var unseen = await Assert.ThrowsAsync<StepException>(() => InvokeAsync<RoleInfo>(host, EnsureSmsRoleStep.Name, input, EnsureSmsRoleStep.Descriptor));
        var createdAgain = await Assert.ThrowsAsync<StepException>(() => InvokeAsync<RoleInfo>(host, EnsureSmsRoleStep.Name, input, EnsureSmsRoleStep.Descriptor));
        aws.Clock.Advance(TimeSpan.FromSeconds(30));
        var role = await InvokeAsync<RoleInfo>(host, EnsureSmsRoleStep.Name, input, EnsureSmsRoleStep.Descriptor);

        Assert.Equal(StepErrors.Transient, unseen.ErrorName);
        Assert.Equal(StepErrors.Transient, createdAgain.ErrorName);
        Assert.Contains("exists but does not read back yet", createdAgain.Message, StringComparison.Ordinal);
        var stored = (await aws.Clients.Iam().GetRoleAsync(new GetRoleRequest { RoleName = role.RoleArn[(role.RoleArn.LastIndexOf('/') + 1)..] })).Role!;
        var trust = JsonNode.Parse(Uri.UnescapeDataString(stored.AssumeRolePolicyDocument!))!;
        Assert.Equal(role.ExternalId, (string?)trust["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"]);
    }

    [Fact]
    public async Task Finalize_asks_to_be_retried_while_cognito_does_not_see_a_role_this_run_created()
    {
        await using var aws = await SimulatedAws.StartAsync(Propagating(readSeconds: 0, roleAssumptionSeconds: 60));
        var host = aws.Host();
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);
        var role = await InvokeAsync<RoleInfo>(host, EnsureSmsRoleStep.Name, new StepInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool), EnsureSmsRoleStep.Descriptor);
        var finalize = new FinalizeInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, role);

        var early = await Assert.ThrowsAsync<StepException>(() => InvokeAsync<FinalizeResult>(host, FinalizeStep.Name, finalize, FinalizeStep.Descriptor));
        var oldRole = await Assert.ThrowsAsync<StepException>(() =>
            InvokeAsync<FinalizeResult>(host, FinalizeStep.Name, finalize with { Role = role with { Created = false } }, FinalizeStep.Descriptor));
        aws.Clock.Advance(TimeSpan.FromSeconds(60));
        var done = await InvokeAsync<FinalizeResult>(host, FinalizeStep.Name, finalize, FinalizeStep.Descriptor);

        Assert.True(role.Created);
        Assert.Equal(StepErrors.SmsRoleNotYetAssumable, early.ErrorName);
        Assert.Contains("IAM changes reach Cognito late", early.Message, StringComparison.Ordinal);
        Assert.Equal(StepErrors.Failed, oldRole.ErrorName);
        Assert.Equal(role.RoleArn, done.SnsCallerArn);
    }

    private static SimulatorScenario Propagating(double readSeconds, double roleAssumptionSeconds) => SimulatedAws.DefaultScenario() with
    {
        InSandboxByDefault = false,
        IamPropagation = new IamPropagation { ReadSeconds = readSeconds, RoleAssumptionSeconds = roleAssumptionSeconds },
    };

    private static async Task<T> InvokeAsync<T>(StepHost host, string step, object input, StepDescriptor descriptor) =>
        (T)JsonSerializer.Deserialize(await host.InvokeAsync(step, JsonSerializer.Serialize(input, descriptor.Input)), descriptor.Output)!;
}
