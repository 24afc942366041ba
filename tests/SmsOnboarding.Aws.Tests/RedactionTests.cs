using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Aws.Tests.Support;

namespace SmsOnboarding.Aws.Tests;

/// <summary>Phone numbers and one-time passwords never reach logs or exception messages.</summary>
public sealed class RedactionTests : IAsyncLifetime
{
    private const string Phone = "+14155550123";
    private const string Otp = "842913";
    private readonly LoopbackServer _server = new();
    private readonly ListLoggerProvider _logs = new();

    [Theory]
    [InlineData("Invalid parameter: PhoneNumber +14155550123", "Invalid parameter: PhoneNumber +*********23")]
    [InlineData("number +44 7911 123456 opted out", "number +**********56 opted out")]
    [InlineData("code 123456 is wrong", "code [redacted] is wrong")]
    [InlineData("account 111122223333 limit 100", "account 111122223333 limit 100")]
    [InlineData("request 8f9e-1234-abcd", "request 8f9e-1234-abcd")]
    public void Redact_masks_numbers_and_codes_but_keeps_ids(string input, string expected) =>
        Assert.Equal(expected, Redactor.Redact(input));

    [Fact]
    public void Sensitive_request_members_are_known_from_the_model()
    {
        var request = new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = Phone, OneTimePassword = Otp };

        Assert.Contains(Phone, Redactor.SensitiveValues(request));
    }

    [Fact]
    public async Task Service_error_echoing_the_number_and_code_is_redacted_in_exception_and_logs()
    {
        _server.Enqueue(LoopbackServer.Status(400,
            $"""<ErrorResponse><Error><Type>Sender</Type><Code>VerificationException</Code><Message>Code {Otp} does not match for {Phone}</Message></Error><RequestId>r</RequestId></ErrorResponse>""",
            "text/xml"));
        using var client = new AmazonSimpleNotificationServiceClient(new AwsClientConfig
        {
            Region = "us-east-1",
            ServiceUrl = _server.Url,
            Credentials = ClientEntry.TestCredentials,
            LoggerFactory = _logs,
            EnvironmentVariable = _ => null,
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.VerifySMSSandboxPhoneNumberAsync(new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = Phone, OneTimePassword = Otp }));

        Assert.Equal("VerificationException", error.ErrorCode);
        Assert.DoesNotContain(Otp, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("5550123", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Lines);
        Assert.All(_logs.Lines, line =>
        {
            Assert.DoesNotContain(Otp, line, StringComparison.Ordinal);
            Assert.DoesNotContain("5550123", line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Request_missing_a_required_member_fails_before_any_io_with_the_member_name()
    {
        using var client = new AmazonSimpleNotificationServiceClient(new AwsClientConfig
        {
            Region = "us-east-1",
            ServiceUrl = _server.Url,
            Credentials = ClientEntry.TestCredentials,
            EnvironmentVariable = _ => null,
        });

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.VerifySMSSandboxPhoneNumberAsync(new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = Phone }));

        Assert.Contains("OneTimePassword", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
