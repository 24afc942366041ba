using SmsOnboarding.Domain.Regions;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.FindOriginationIdentity;

/// <summary>
/// US destinations need an origination identity (since June 2021). Reuse one in the SNS Region; else a Support
/// case where AWS requires it (seven Regions, short codes); else an End User Messaging registration.
/// </summary>
public sealed class FindOriginationIdentityHandler(IAwsClientFactory aws) : IStepHandler<OriginationInput, OriginationProgress>
{
    public async Task<OriginationProgress> HandleAsync(OriginationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        if (!request.SendsToUnitedStates || request.OriginationType == OriginationType.None)
        {
            return new OriginationProgress("notNeeded", Detail: "No US destinations, or the request asks for no origination identity.");
        }

        var snsRegion = input.Pool.SnsRegion;
        if (await SmsFacts.ActiveUsOriginationAsync(aws, snsRegion, cancellationToken).ConfigureAwait(false) is { } number)
        {
            return new OriginationProgress("reuse", PhoneNumber: number, Detail: $"An active US origination identity already exists in {snsRegion}.");
        }

        if (request.OriginationType == OriginationType.ShortCode || RegionTable.RequiresSupportCaseForUsOrigination(snsRegion))
        {
            var why = request.OriginationType == OriginationType.ShortCode
                ? "Short codes are only provisioned through AWS Support."
                : $"In {RegionTable.DisplayName(snsRegion)} US origination identities are only provisioned through AWS Support.";
            return new OriginationProgress("supportCase", Detail: why);
        }

        return new OriginationProgress("register", NextDelaySeconds: input.Settings.PollInitialSeconds,
            Detail: request.OriginationType == OriginationType.TenDlc ? "10DLC campaign registration" : "Toll-free number registration");
    }
}
