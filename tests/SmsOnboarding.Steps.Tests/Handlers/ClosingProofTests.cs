using System.Text.Json;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.Finalize;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.SendTestMessage;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.Handlers;

/// <summary>Finalize's read-back of SmsConfigurationFailure, and the closing proof that goes through Cognito itself.</summary>
public sealed class ClosingProofTests
{
    private const string TestNumber = "+12065550101";

    [Fact]
    public async Task Cognito_invites_a_temporary_user_by_sms_through_the_pool_role_and_the_user_is_deleted()
    {
        await using var aws = await SimulatedAws.StartAsync(Production());
        var host = aws.Host();
        var (pool, role) = await SetUpAsync(host);
        await InvokeAsync<FinalizeResult>(host, FinalizeStep.Name, new FinalizeInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, role), FinalizeStep.Descriptor);

        var proof = await InvokeAsync<TestMessageResult>(host, SendTestMessageStep.Name, new StepInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool), SendTestMessageStep.Descriptor);

        Assert.True(proof.Sent);
        Assert.StartsWith("sms-onboarding-proof-", proof.InvitedUser, StringComparison.Ordinal);
        var invitation = Assert.Single(aws.Account.MessagesTo(TestNumber));
        Assert.Contains($"Your username is {proof.InvitedUser} and temporary password is ", invitation.Body, StringComparison.Ordinal);
        var described = await aws.Clients.Cognito("us-east-1").DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = pool.UserPoolId });
        Assert.Equal(0, described.UserPool!.EstimatedNumberOfUsers);
    }

    [Fact]
    public async Task A_role_cognito_may_no_longer_assume_fails_the_proof_and_leaves_no_user()
    {
        await using var aws = await SimulatedAws.StartAsync(Production());
        var host = aws.Host();
        var (pool, role) = await SetUpAsync(host);
        await InvokeAsync<FinalizeResult>(host, FinalizeStep.Name, new FinalizeInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, role), FinalizeStep.Descriptor);
        // Someone narrows the trust policy to another pool after the configuration was accepted.
        await aws.Clients.Iam().UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest
        {
            RoleName = role.RoleArn[(role.RoleArn.LastIndexOf('/') + 1)..],
            PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":""" + $"\"{role.ExternalId}\",\"aws:SourceArn\":\"{pool.PoolArn}-other\"" + "}}}]}",
        });

        var failure = await Assert.ThrowsAsync<StepException>(() =>
            InvokeAsync<TestMessageResult>(host, SendTestMessageStep.Name, new StepInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool), SendTestMessageStep.Descriptor));

        Assert.Equal(StepErrors.Failed, failure.ErrorName);
        Assert.Contains("could not assume the pool's SMS role", failure.Message, StringComparison.Ordinal);
        Assert.Empty(aws.Account.MessagesTo(TestNumber));
        var described = await aws.Clients.Cognito("us-east-1").DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = pool.UserPoolId });
        Assert.Equal(0, described.UserPool!.EstimatedNumberOfUsers);
    }

    [Fact]
    public async Task Finalize_fails_with_the_reason_when_cognito_reports_an_sms_configuration_failure()
    {
        // Still in the sandbox: Cognito accepts the configuration and reports SNSSandbox.
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var (pool, role) = await SetUpAsync(host);

        var failure = await Assert.ThrowsAsync<StepException>(() =>
            InvokeAsync<FinalizeResult>(host, FinalizeStep.Name, new FinalizeInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, role), FinalizeStep.Descriptor));

        Assert.Equal(StepErrors.SmsConfigurationFailure, failure.ErrorName);
        Assert.Contains("SmsConfigurationFailure SNSSandbox", failure.Message, StringComparison.Ordinal);
        Assert.Contains("still in the SMS sandbox in us-east-1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_that_signs_in_by_phone_gets_the_test_number_as_username()
    {
        Assert.Equal(TestNumber, SendTestMessageHandler.ProofUsername(["phone_number", "email"], TestNumber, "smsonb-0123456789abcdef0123"));
        Assert.Equal("sms-onboarding-proof+0123456789abcdef@example.invalid", SendTestMessageHandler.ProofUsername(["email"], TestNumber, "smsonb-0123456789abcdef0123"));
        Assert.Equal("sms-onboarding-proof-0123456789abcdef", SendTestMessageHandler.ProofUsername(null, TestNumber, "smsonb-0123456789abcdef0123"));
    }

    private static SimulatorScenario Production() => SimulatedAws.DefaultScenario(s => s with
    {
        OriginationNumbers = [new SeedOriginationNumber("us-east-1", "+18445550100", "TOLL_FREE")],
    }) with
    {
        InSandboxByDefault = false,
    };

    private static async Task<(PoolInfo Pool, RoleInfo Role)> SetUpAsync(StepHost host)
    {
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);
        var role = await InvokeAsync<RoleInfo>(host, EnsureSmsRoleStep.Name, new StepInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool), EnsureSmsRoleStep.Descriptor);
        return (pool, role);
    }

    private static async Task<T> InvokeAsync<T>(StepHost host, string step, object input, StepDescriptor descriptor) =>
        (T)JsonSerializer.Deserialize(await host.InvokeAsync(step, JsonSerializer.Serialize(input, descriptor.Input)), descriptor.Output)!;
}
