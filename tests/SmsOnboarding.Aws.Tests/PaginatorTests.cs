using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Aws.Tests.Support;

namespace SmsOnboarding.Aws.Tests;

public sealed class PaginatorTests : IAsyncLifetime
{
    private readonly LoopbackServer _server = new();

    private static string Page(string number, string? next) =>
        $"""<ListSMSSandboxPhoneNumbersResponse><ListSMSSandboxPhoneNumbersResult><PhoneNumbers><member><PhoneNumber>{number}</PhoneNumber><Status>Verified</Status></member></PhoneNumbers>{(next is null ? "" : $"<NextToken>{next}</NextToken>")}</ListSMSSandboxPhoneNumbersResult></ListSMSSandboxPhoneNumbersResponse>""";

    private AmazonSimpleNotificationServiceClient Client() => new(new AwsClientConfig
    {
        Region = "us-east-1",
        ServiceUrl = _server.Url,
        Credentials = ClientEntry.TestCredentials,
        EnvironmentVariable = _ => null,
    });

    [Fact]
    public async Task All_pages_are_followed_by_sending_each_next_token()
    {
        _server.Enqueue(LoopbackServer.Status(200, Page("+14155550100", "page-2"), "text/xml"),
            LoopbackServer.Status(200, Page("+14155550101", null), "text/xml"));
        using var sns = Client();

        var numbers = await sns.ListSMSSandboxPhoneNumbersAllAsync(new ListSMSSandboxPhoneNumbersRequest { MaxResults = 1 })
            .Select(n => n.PhoneNumber).ToListAsync();

        Assert.Equal(["+14155550100", "+14155550101"], numbers);
        var second = _server.Requests.ElementAt(1).Form();
        Assert.Equal("page-2", second["NextToken"]);
        Assert.Equal("1", second["MaxResults"]);
    }

    [Fact]
    public async Task A_repeated_token_stops_with_an_error_instead_of_looping()
    {
        _server.Enqueue(LoopbackServer.Status(200, Page("+14155550100", "same"), "text/xml"),
            LoopbackServer.Status(200, Page("+14155550101", "same"), "text/xml"));
        using var sns = Client();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await sns.ListSMSSandboxPhoneNumbersAllAsync(new ListSMSSandboxPhoneNumbersRequest()).ToListAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
