using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.VerifyCode;

/// <summary>A wrong code is an answer (ask again, counted), not an error; a retried task sees Verified and agrees.</summary>
public sealed class VerifyCodeHandler(IAwsClientFactory aws) : IStepHandler<VerifyCodeInput, VerificationState>
{
    public async Task<VerificationState> HandleAsync(VerifyCodeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var region = input.Pool.SnsRegion;
        if (await SmsFacts.SandboxNumberStatusAsync(aws, region, input.PhoneNumber, cancellationToken).ConfigureAwait(false) == "Verified")
        {
            return input.Verification with { Verified = true };
        }

        var code = input.Answer.Code ?? throw StepException.Failed("The verification task was completed without a code.");
        try
        {
            await aws.Sns(region).VerifySMSSandboxPhoneNumberAsync(
                new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = input.PhoneNumber, OneTimePassword = code }, cancellationToken).ConfigureAwait(false);
            return input.Verification with { Verified = true };
        }
        catch (AwsServiceException e) when (e.Is("VerificationException", "InvalidParameter"))
        {
            return new VerificationState(false, input.Verification.WrongCodes + 1);
        }
        catch (AwsServiceException e) when (e.Is("ResourceNotFound"))
        {
            throw StepException.Failed($"SNS does not know the sandbox number {E164.Mask(input.PhoneNumber)} in {region} (it may have been deleted). Redrive to send a new code.", e);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Verifying {E164.Mask(input.PhoneNumber)}", e);
        }
    }
}
