using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Simulator.Auth;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class SigV4ExpiryTests
{
    [Fact]
    public async Task Signature_older_than_fifteen_minutes_is_rejected_as_expired()
    {
        // The verifier's wall clock runs an hour ahead of the CLI that signs the request.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        await using var host = await SimulatorHost.StartAsync(new SimulatedAccount(), 0, SigV4Verifier.ForSimulator(later));
        var result = await new AwsCli(host.BaseUri).RunAsync("sts", "get-caller-identity");
        result.FailedWith("SignatureDoesNotMatch");
        Assert.Contains("Signature expired", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260302/eu-west-1/sms-voice/aws4_request, SignedHeaders=host, Signature=00", true, "eu-west-1", "sms-voice")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260302/us-east-1/sns/other, SignedHeaders=host, Signature=00", false, null, null)]
    [InlineData("Bearer abc", false, null, null)]
    [InlineData(null, false, null, null)]
    public void Credential_scope_is_read_from_the_authorization_header(string? header, bool ok, string? region, string? service)
    {
        Assert.Equal(ok, CredentialScope.TryParse(header, out var scope));
        Assert.Equal(region, scope?.Region);
        Assert.Equal(service, scope?.Service);
    }
}
