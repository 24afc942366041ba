using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Behaviour;

/// <summary>Reviews progress only as the (fake) clock moves: status = f(created, now, scenario).</summary>
public sealed class ReviewProgressTests
{
    [Fact]
    public async Task Case_that_needs_more_information_waits_for_the_customer_then_decides()
    {
        await using var sim = await TestSimulator.StartAsync(await File.ReadAllTextAsync(ScenarioFiles.Path("spend-denied.json")));
        using var support = sim.Support();
        var caseId = sim.Account.FileCaseInSupportCenter("Exit the SMS sandbox in us-east-1", "Please move our account to production.").CaseId;

        sim.Advance(TimeSpan.FromHours(20));
        var asked = await DescribeAsync(support, caseId);
        Assert.Equal("pending-customer-action", asked.Status);
        Assert.Contains("more information", asked.RecentCommunications!.Communications![0].Body, StringComparison.Ordinal);
        Assert.True(sim.Account.IsInSandbox("us-east-1"));

        sim.Advance(TimeSpan.FromHours(5));
        await support.AddCommunicationToCaseAsync(new AddCommunicationToCaseRequest { CaseId = caseId, CommunicationBody = "Opt-in: users enter their number at sign-up." });
        Assert.Equal("customer-action-completed", (await DescribeAsync(support, caseId)).Status);

        sim.Advance(TimeSpan.FromHours(20));
        var decided = await DescribeAsync(support, caseId);
        Assert.Equal("resolved", decided.Status);
        Assert.False(sim.Account.IsInSandbox("us-east-1"));
    }

    [Fact]
    public async Task Denied_spend_increase_keeps_the_quota_and_the_case_auto_resolves()
    {
        await using var sim = await TestSimulator.StartAsync(await File.ReadAllTextAsync(ScenarioFiles.Path("spend-denied.json")));
        using var support = sim.Support();
        var caseId = sim.Account.FileCaseInSupportCenter("SMS spend limit increase", "Region us-east-1, new limit value: 250").CaseId;

        sim.Advance(TimeSpan.FromHours(72));
        var denied = await DescribeAsync(support, caseId);
        Assert.Equal("pending-customer-action", denied.Status);
        Assert.Contains("denied", denied.RecentCommunications!.Communications![0].Body, StringComparison.Ordinal);
        Assert.Equal(1m, sim.Account.ApprovedSpendQuotaUsd("us-east-1"));

        sim.Advance(TimeSpan.FromHours(168));
        var hidden = await support.DescribeCasesAsync(new DescribeCasesRequest { CaseIdList = [caseId] });
        Assert.Empty(hidden.Cases!); // resolved cases are left out unless asked for
        Assert.Equal("resolved", (await DescribeAsync(support, caseId)).Status);

        await support.AddCommunicationToCaseAsync(new AddCommunicationToCaseRequest { CaseId = caseId, CommunicationBody = "Please reconsider." });
        Assert.Equal("reopened", (await DescribeAsync(support, caseId)).Status);
    }

    [Fact]
    public async Task Quota_request_is_denied_when_the_scenario_says_so()
    {
        await using var sim = await TestSimulator.StartAsync(await File.ReadAllTextAsync(ScenarioFiles.Path("spend-denied.json")));
        using var quotas = sim.Quotas();
        var spend = (await quotas.ListServiceQuotasAsync(new ListServiceQuotasRequest { ServiceCode = "sms-voice" })).Quotas!
            .Single(q => q.QuotaName!.Contains("spend limit", StringComparison.Ordinal));
        var id = (await quotas.RequestServiceQuotaIncreaseAsync(new RequestServiceQuotaIncreaseRequest
        {
            ServiceCode = "sms-voice",
            QuotaCode = spend.QuotaCode,
            DesiredValue = 300,
        })).RequestedQuota!.Id!;
        var again = await Assert.ThrowsAsync<AwsServiceException>(() => quotas.RequestServiceQuotaIncreaseAsync(new RequestServiceQuotaIncreaseRequest
        {
            ServiceCode = "sms-voice",
            QuotaCode = spend.QuotaCode,
            DesiredValue = 400,
        }));
        Assert.Equal("ResourceAlreadyExistsException", again.ErrorCode);

        sim.Advance(TimeSpan.FromHours(49));
        Assert.Equal("CASE_OPENED", (await quotas.GetRequestedServiceQuotaChangeAsync(new GetRequestedServiceQuotaChangeRequest { RequestId = id })).RequestedQuota!.Status);
        sim.Advance(TimeSpan.FromHours(1));
        Assert.Equal("DENIED", (await quotas.GetRequestedServiceQuotaChangeAsync(new GetRequestedServiceQuotaChangeRequest { RequestId = id })).RequestedQuota!.Status);
        Assert.Equal(1m, sim.Account.ApprovedSpendQuotaUsd("us-east-1"));
    }

    [Fact]
    public async Task Approved_origination_case_provisions_a_number_that_sends()
    {
        await using var sim = await TestSimulator.StartAsync("""{ "productionRegions": ["us-east-2"] }""");
        sim.Account.FileCaseInSupportCenter("Dedicated short code for us-east-2", "Resource type: Dedicated SMS Short Codes. Region: us-east-2. Use case: 2FA.");
        using var smsVoice = sim.SmsVoice("us-east-2");
        sim.Advance(TimeSpan.FromHours(239));
        Assert.Empty((await smsVoice.DescribePhoneNumbersAsync(new DescribePhoneNumbersRequest())).PhoneNumbers!);

        sim.Advance(TimeSpan.FromHours(1));
        var number = (await smsVoice.DescribePhoneNumbersAsync(new DescribePhoneNumbersRequest())).PhoneNumbers!.Single();
        Assert.Equal("SHORT_CODE", number.NumberType);
        Assert.Equal("ACTIVE", number.Status);

        using var sns = sim.Sns("us-east-2");
        await sns.PublishAsync(new PublishRequest { PhoneNumber = "+12065550160", Message = "Your code is 424242" });
        Assert.Equal(number.PhoneNumber, sim.Account.MessagesTo("+12065550160").Single().From);
    }

    [Fact]
    public async Task Denied_registration_requires_updates_and_blocks_ten_dlc_numbers()
    {
        await using var sim = await TestSimulator.StartAsync("""{ "reviews": { "registration": { "delayHours": 48, "approve": false } } }""");
        using var smsVoice = sim.SmsVoice();
        var id = (await smsVoice.CreateRegistrationAsync(new CreateRegistrationRequest { RegistrationType = "US_TEN_DLC_BRAND_REGISTRATION" })).RegistrationId!;
        await RegistrationForm.FillAsync(smsVoice, id, "US_TEN_DLC_BRAND_REGISTRATION");
        await smsVoice.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = id });

        sim.Advance(TimeSpan.FromHours(2));
        Assert.Equal("AWS_REVIEWING", (await smsVoice.DescribeRegistrationsAsync(new DescribeRegistrationsRequest { RegistrationIds = [id] })).Registrations![0].RegistrationStatus);
        sim.Advance(TimeSpan.FromHours(46));
        Assert.Equal("REQUIRES_UPDATES", (await smsVoice.DescribeRegistrationsAsync(new DescribeRegistrationsRequest { RegistrationIds = [id] })).Registrations![0].RegistrationStatus);
        var versions = await smsVoice.DescribeRegistrationVersionsAsync(new DescribeRegistrationVersionsRequest { RegistrationId = id });
        Assert.Equal("DENIED", versions.RegistrationVersions![0].RegistrationVersionStatus);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.RequestPhoneNumberAsync(new RequestPhoneNumberRequest
        {
            IsoCountryCode = "US",
            MessageType = "TRANSACTIONAL",
            NumberCapabilities = ["SMS"],
            NumberType = "TEN_DLC",
            RegistrationId = id,
        }));
        Assert.Equal("ConflictException", error.ErrorCode);
        Assert.Equal("REGISTRATION_NOT_COMPLETE", error.Reason);
    }

    [Fact]
    public async Task Retried_phone_number_request_with_the_same_client_token_leases_one_number()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var smsVoice = sim.SmsVoice();
        var request = new RequestPhoneNumberRequest
        {
            IsoCountryCode = "US",
            MessageType = "TRANSACTIONAL",
            NumberCapabilities = ["SMS"],
            NumberType = "TOLL_FREE",
            ClientToken = "retry-1",
        };
        var first = await smsVoice.RequestPhoneNumberAsync(request);
        var second = await smsVoice.RequestPhoneNumberAsync(request);
        Assert.Equal(first.PhoneNumberId, second.PhoneNumberId);
        Assert.Single((await smsVoice.DescribePhoneNumbersAsync(new DescribePhoneNumbersRequest())).PhoneNumbers!);
    }

    private static async Task<CaseDetails> DescribeAsync(SmsOnboarding.Aws.AWSSupport.AmazonAWSSupportClient support, string caseId) =>
        (await support.DescribeCasesAsync(new DescribeCasesRequest { CaseIdList = [caseId], IncludeResolvedCases = true })).Cases!.Single();
}
