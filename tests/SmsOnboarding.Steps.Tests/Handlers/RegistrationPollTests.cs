using System.Text.Json;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Domain.Requests;
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
        Assert.Contains("Associating the registration failed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Toll_free_first_poll_answers_the_form_from_the_request_uploads_the_screenshot_associates_the_number_and_submits()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);

        var progress = await PollAsync(host, pool, new OriginationProgress("register"));

        var sms = aws.Clients.SmsVoice("us-east-1");
        var registration = (await sms.DescribeRegistrationsAsync(new DescribeRegistrationsRequest { RegistrationIds = [progress.RegistrationId!] })).Registrations![0];
        var values = (await sms.DescribeRegistrationFieldValuesAsync(new DescribeRegistrationFieldValuesRequest { RegistrationId = progress.RegistrationId! }))
            .RegistrationFieldValues!.ToDictionary(v => v.FieldPath!);
        var number = (await sms.DescribePhoneNumbersAsync(new DescribePhoneNumbersRequest { PhoneNumberIds = [progress.PhoneNumberId!] })).PhoneNumbers![0];
        Assert.Equal(("pending", "SUBMITTED"), (progress.Action, registration.RegistrationStatus));
        Assert.Equal(progress.RegistrationId, number.RegistrationId);
        Assert.Equal("Example Checkout Inc.", values["companyInfo.companyName"].TextValue);
        Assert.Equal("100 Main Street", values["companyInfo.address1"].TextValue);
        Assert.Equal(["10,000"], values["messagingUseCase.monthlyMessageVolume"].SelectChoices!);
        Assert.Equal(["TWO_FACTOR_AUTHENTICATION"], values["messagingUseCase.useCaseCategory"].SelectChoices!);
        Assert.Equal(SimulatedAws.Request().OptInProcess, values["messagingUseCase.optInDescription"].TextValue);
        Assert.StartsWith("attachment-", values["messagingUseCase.optInImage"].RegistrationAttachmentId, StringComparison.Ordinal);
        Assert.Equal("+12065550100", values["contactInfo.supportPhoneNumber"].TextValue);
    }

    [Fact]
    public async Task Ten_dlc_registers_the_brand_then_the_campaign_associated_with_it_then_the_number()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var request = SimulatedAws.Request(origination: OriginationType.TenDlc);
        var pool = await InvokeAsync<PoolInfo>(host, ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, request), ResolvePoolStep.Descriptor);
        var sms = aws.Clients.SmsVoice("us-east-1");

        var brandPending = await PollAsync(host, pool, new OriginationProgress("register"), request);
        var brandStatus = await StatusAsync(sms, brandPending.BrandRegistrationId!);
        aws.Clock.Advance(TimeSpan.FromHours(121));
        var campaignPending = await PollAsync(host, pool, brandPending, request);
        var campaignStatus = await StatusAsync(sms, campaignPending.RegistrationId!);
        aws.Clock.Advance(TimeSpan.FromHours(121));
        var numberPending = await PollAsync(host, pool, campaignPending, request);
        aws.Clock.Advance(TimeSpan.FromHours(1));
        var ready = await PollAsync(host, pool, numberPending, request);

        Assert.Equal(("pending", null, "SUBMITTED"), (brandPending.Action, brandPending.RegistrationId, brandStatus));
        Assert.StartsWith("Brand registration", brandPending.Detail, StringComparison.Ordinal);
        Assert.Equal(("pending", "SUBMITTED"), (campaignPending.Action, campaignStatus));
        Assert.Equal(brandPending.BrandRegistrationId, campaignPending.BrandRegistrationId);
        Assert.NotNull(numberPending.PhoneNumberId);
        Assert.Equal("ready", ready.Action);
        var campaignValues = (await sms.DescribeRegistrationFieldValuesAsync(new DescribeRegistrationFieldValuesRequest { RegistrationId = campaignPending.RegistrationId! }))
            .RegistrationFieldValues!.ToDictionary(v => v.FieldPath!);
        Assert.Equal(["RETAIL"], campaignValues["campaignInfo.vertical"].SelectChoices!);
        Assert.StartsWith("Example Checkout Inc.: for help write to support@checkout.example.com", campaignValues["campaignInfo.helpMessage"].TextValue, StringComparison.Ordinal);
    }

    private static async Task<string?> StatusAsync(SmsOnboarding.Aws.PinpointSMSVoiceV2.IAmazonPinpointSMSVoiceV2 sms, string id) =>
        (await sms.DescribeRegistrationsAsync(new DescribeRegistrationsRequest { RegistrationIds = [id] })).Registrations![0].RegistrationStatus;

    private static async Task<OriginationProgress> FirstPollAsync(IEnumerable<IamGrant> grants)
    {
        await using var aws = await SimulatedAws.StartAsync();
        var pool = await InvokeAsync<PoolInfo>(aws.Host(), ResolvePoolStep.Name, new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor);
        using var clients = await StepRole.AssumeAsync(aws, "step-" + AdvanceOriginationStep.Name, grants);
        return await PollAsync(new StepHost(clients, aws.Store, aws.AccountWork, aws.Inbox, aws.Clock), pool, new OriginationProgress("register"));
    }

    private static Task<OriginationProgress> PollAsync(StepHost host, PoolInfo pool, OriginationProgress progress, OnboardingRequest? request = null) =>
        InvokeAsync<OriginationProgress>(host, AdvanceOriginationStep.Name,
            new OriginationInput(SimulatedAws.ExecutionArn, request ?? SimulatedAws.Request(), pool, SimulatedAws.Settings, progress), AdvanceOriginationStep.Descriptor);

    private static async Task<T> InvokeAsync<T>(StepHost host, string step, object input, StepDescriptor descriptor) =>
        (T)JsonSerializer.Deserialize(await host.InvokeAsync(step, JsonSerializer.Serialize(input, descriptor.Input)), descriptor.Output)!;
}
