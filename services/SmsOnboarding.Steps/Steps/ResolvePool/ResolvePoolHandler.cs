using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SecurityToken.Model;
using SmsOnboarding.Domain.Policies;
using SmsOnboarding.Domain.Regions;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.ResolvePool;

/// <summary>Which account we run in (STS), that the pool exists (DescribeUserPool) and which SNS Region it will use.</summary>
public sealed class ResolvePoolHandler(IAwsClientFactory aws) : IStepHandler<ResolvePoolInput, PoolInfo>
{
    public async Task<PoolInfo> HandleAsync(ResolvePoolInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var region = request.PoolRegion;
        var caller = await AwsCall.Run("Identifying the AWS account (sts:GetCallerIdentity)", () =>
            aws.Sts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).ConfigureAwait(false);
        var account = caller.Account ?? throw StepException.Failed("STS returned no account id.");
        if (request.AccountId is { } expected && expected != account)
        {
            throw StepException.Failed($"The request is for account {expected} but the workflow runs with credentials of account {account}. Run it in the pool's account.");
        }

        var snsRegion = request.ResolvedSnsRegion;
        if (!RegionTable.IsAllowedSnsRegion(region, snsRegion))
        {
            throw StepException.Failed($"A pool in {RegionTable.DisplayName(region)} cannot send SMS through SNS in {snsRegion}; allowed: {string.Join(", ", RegionTable.Find(region)?.SnsRegions ?? [])}.");
        }

        DescribeUserPoolResponse described;
        try
        {
            described = await aws.Cognito(region).DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = request.UserPoolId }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Is("ResourceNotFoundException"))
        {
            throw StepException.Failed($"User pool {request.UserPoolId} does not exist in account {account}, Region {region}. Check the pool id.", e);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Describing user pool {request.UserPoolId}", e);
        }

        var partition = caller.Arn?.Split(':') is [_, var p, ..] ? p : "aws";
        return new PoolInfo(
            account,
            partition,
            request.UserPoolId,
            region,
            SmsRolePolicies.UserPoolArn(region, account, request.UserPoolId),
            described.UserPool?.Name ?? request.UserPoolId,
            snsRegion);
    }
}
