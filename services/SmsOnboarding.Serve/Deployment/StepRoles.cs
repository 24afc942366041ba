using System.Text.Json;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>
/// What the CDK stack creates in IAM, created in the simulated account the same way (over IAM's API, as the
/// account's administrator): one execution role per step function whose only policy is that step's
/// <see cref="StepDescriptor.Permissions"/>, and the permissions boundary every SMS role must carry. Each step then
/// acts with its own role's session, so a grant missing from the catalog fails locally as it would in AWS.
/// </summary>
internal static class StepRoles
{
    public const string LambdaPrincipal = "lambda.amazonaws.com";

    // Region and partition of the simulated account's "stack" (the reminder topic and the tables live there).
    private const string Partition = "aws";
    private const string StackRegion = "us-east-1";
    private const string PolicyName = "step-permissions";

    public static string RoleName(StepDescriptor step) => step.FunctionName + "-role";

    public static string RoleArn(StepDescriptor step, string accountId) => $"arn:{Partition}:iam::{accountId}:role/{RoleName(step)}";

    public static string BoundaryArn(string accountId) =>
        IamPolicyDocument.Tokens(Partition, StackRegion, accountId)(StepGrants.BoundaryArn);

    /// <summary>Creates what is missing and rewrites every step's policy, so a restart after an upgrade applies new grants.</summary>
    public static async Task EnsureAsync(IAmazonIdentityManagementService iam, string accountId,
        Func<StepDescriptor, IReadOnlyList<IamGrant>> permissions, CancellationToken cancellationToken)
    {
        await EnsureBoundaryAsync(iam, accountId, cancellationToken).ConfigureAwait(false);
        foreach (var step in StepCatalog.All)
        {
            await DeployAsync(() => iam.CreateRoleAsync(new CreateRoleRequest
            {
                RoleName = RoleName(step),
                AssumeRolePolicyDocument = LambdaTrust,
                Description = $"Execution role of {step.FunctionName}.",
            }, cancellationToken)).ConfigureAwait(false);
            await DeployAsync(() => iam.PutRolePolicyAsync(new PutRolePolicyRequest
            {
                RoleName = RoleName(step),
                PolicyName = PolicyName,
                PolicyDocument = Document(permissions(step), accountId),
            }, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>The boundary every SMS role the workflow creates in <paramref name="accountId"/> must carry.</summary>
    public static Task EnsureBoundaryAsync(IAmazonIdentityManagementService iam, string accountId, CancellationToken cancellationToken) =>
        DeployAsync(() => iam.CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyName = StepGrants.SmsRoleBoundaryPolicyName,
            Description = "Permissions boundary of every SMS role the workflow creates: SNS Publish only.",
            PolicyDocument = Document([new IamGrant(["sns:Publish"], ["*"])], accountId),
        }, cancellationToken));

    /// <summary>The grants as an IAM policy document, tokens resolved for the simulated account.</summary>
    public static string Document(IReadOnlyList<IamGrant> grants, string accountId) =>
        IamPolicyDocument.Json(grants, IamPolicyDocument.Tokens(Partition, StackRegion, accountId));

    private static readonly string LambdaTrust = JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[] { new { Effect = "Allow", Principal = new { Service = LambdaPrincipal }, Action = "sts:AssumeRole" } },
    });

    // As CloudFormation does: a throttled or failed call is tried again (the scenario's faults apply to deployments
    // too), and what an earlier start of this deployment created is left as it is.
    public static async Task DeployAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call().ConfigureAwait(false);
                return;
            }
            catch (AwsServiceException e) when (e.ErrorCode == IdentityManagementErrorCodes.EntityAlreadyExistsException)
            {
                return;
            }
            catch (AwsServiceException e) when (e.IsRetryable && attempt < MaxDeployAttempts)
            {
            }
        }
    }

    private const int MaxDeployAttempts = 20;
}
