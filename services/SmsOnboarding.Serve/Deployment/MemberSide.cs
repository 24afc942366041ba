using System.Text.Json.Nodes;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SecurityToken.Model;
using SmsOnboarding.Engine.Time;
using SmsOnboarding.Simulator;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>
/// What the member stack (a StackSet on AWS, decision 0025) creates in every member account, created in the simulated
/// organisation the same way: from the management account (the simulation's root) through the member's
/// OrganizationAccountAccessRole, over IAM's API. The SMS-role boundary, and <see cref="TargetRole"/> trusting only the
/// service account's step roles, with the deployment's ExternalId, inside the organisation.
/// </summary>
internal static class MemberSide
{
    /// <summary>The ExternalId of a local deployment (on AWS, the member stack's parameter and the step functions' setting).</summary>
    public const string LocalExternalId = "sms-onboarding-local-organisation";

    private const string PolicyName = "target-permissions";
    private const string SelfChangePolicyName = "deny-self-change";

    public static async Task EnsureAsync(SimulatedAccount organisation, Func<string, AwsClientConfig> managementConfig,
        Func<StepDescriptor, IReadOnlyList<IamGrant>> permissions, SkippingTimeProvider clock, bool skipWaits, CancellationToken cancellationToken)
    {
        using var management = new AwsClientFactory(managementConfig);
        foreach (var member in organisation.Members.Values)
        {
            using var clients = AdministratorClients(managementConfig, management, member, "sms-onboarding-member-stack", clock);
            var iam = clients.Iam();
            var role = TargetRole.Arn(member.AccountId);
            await StepRoles.EnsureBoundaryAsync(iam, member.AccountId, cancellationToken).ConfigureAwait(false);
            await StepRoles.DeployAsync(() => iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = TargetRole.RoleName,
                Path = TargetRole.Path,
                AssumeRolePolicyDocument = Trust(organisation),
                Description = "Assumed by the SMS onboarding service's step functions to act on this account's user pools.",
            }, cancellationToken)).ConfigureAwait(false);
            await StepRoles.DeployAsync(() => iam.PutRolePolicyAsync(new PutRolePolicyRequest
            {
                RoleName = TargetRole.RoleName,
                PolicyName = PolicyName,
                PolicyDocument = IamPolicyDocument.Json(TargetRole.Grants(permissions), IamPolicyDocument.Tokens("aws", "*", member.AccountId)),
            }, cancellationToken)).ConfigureAwait(false);
            await StepRoles.DeployAsync(() => iam.PutRolePolicyAsync(new PutRolePolicyRequest
            {
                RoleName = TargetRole.RoleName,
                PolicyName = SelfChangePolicyName,
                PolicyDocument = new JsonObject
                {
                    ["Version"] = "2012-10-17",
                    ["Statement"] = new JsonArray(new JsonObject
                    {
                        ["Effect"] = "Deny",
                        ["Action"] = new JsonArray([.. TargetRole.SelfChangeActions.Select(a => (JsonNode)a)]),
                        ["Resource"] = role,
                    }),
                }.ToJsonString(),
            }, cancellationToken)).ConfigureAwait(false);
            await StepRoleReadiness.WaitAsync(member.RoleIsVisibleToSts, [role], clock, skipWaits, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Clients acting in <paramref name="member"/> as the organisation's administrator: the management account's
    /// credentials, through the member's OrganizationAccountAccessRole (AWS Organizations), renewed on <paramref name="clock"/>.
    /// </summary>
    public static AwsClientFactory AdministratorClients(Func<string, AwsClientConfig> managementConfig, IAwsClientFactory management,
        SimulatedAccount member, string sessionName, TimeProvider clock)
    {
        var administrator = new AssumedRoleCredentials(management.Sts(AwsClientFactory.SupportRegion), new AssumeRoleRequest
        {
            RoleArn = member.OrganizationAccessRoleArn,
            RoleSessionName = sessionName,
        }, clock);
        return new AwsClientFactory(region => managementConfig(region) with { CredentialsProvider = administrator });
    }

    private static string Trust(SimulatedAccount organisation) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{organisation.AccountId}:root" },
            ["Action"] = "sts:AssumeRole",
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = LocalExternalId, ["aws:PrincipalOrgID"] = organisation.OrganizationId },
                // Only the step functions' roles, not every principal of the service account.
                ["ArnLike"] = new JsonObject { ["aws:PrincipalArn"] = $"arn:aws:iam::{organisation.AccountId}:role/{StepCatalog.FunctionName("*")}-role" },
            },
        }),
    }.ToJsonString();
}
