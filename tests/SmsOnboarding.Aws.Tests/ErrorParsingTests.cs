using System.Net;
using System.Text.Json;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.Runtime;

namespace SmsOnboarding.Aws.Tests;

public sealed class ErrorParsingTests
{
    [Theory]
    [InlineData("com.amazonaws.cognito.identityprovider.model#InvalidSmsRoleTrustRelationshipException", "InvalidSmsRoleTrustRelationshipException")]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", "ValidationException")]
    [InlineData("aws.protocoltests#Prefixed:suffix", "Prefixed")]
    [InlineData("ThrottlingException", "ThrottlingException")]
    public void Json_error_type_is_stripped_of_namespace_and_suffix(string raw, string code) =>
        Assert.Equal(code, ErrorParser.NormalizeJsonErrorCode(raw));

    [Fact]
    public void Json_error_reads_message_in_either_case_and_the_sms_voice_reason()
    {
        var lower = ErrorParser.ParseJson(HttpStatusCode.BadRequest, """{"__type":"x#CaseIdNotFound","message":"no case"}""", null);
        var upper = ErrorParser.ParseJson(HttpStatusCode.BadRequest,
            """{"__type":"ConflictException","Message":"not verified","Reason":"DESTINATION_PHONE_NUMBER_NOT_VERIFIED","ResourceType":"verified-destination-number"}""", null);

        Assert.Equal(("CaseIdNotFound", "no case"), (lower.Code, lower.Message));
        Assert.Equal(("ConflictException", "not verified", "DESTINATION_PHONE_NUMBER_NOT_VERIFIED"), (upper.Code, upper.Message, upper.Reason));
    }

    [Fact]
    public void Json_error_falls_back_to_the_error_type_header_and_then_the_status()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "SubscriptionRequiredException:http://internal");
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "rid-7");

        var fromHeader = ErrorParser.ParseJson(HttpStatusCode.BadRequest, "", response.Headers);
        var fromStatus = ErrorParser.ParseJson(HttpStatusCode.BadGateway, "<html>bad gateway</html>", null);

        Assert.Equal(("SubscriptionRequiredException", "rid-7"), (fromHeader.Code, fromHeader.RequestId));
        Assert.Equal("InternalFailure", fromStatus.Code);
        Assert.Contains("bad gateway", fromStatus.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_xml_error_document_gives_code_message_and_request_id()
    {
        const string body = """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name SmsRole cannot be found.</Message></Error>
              <RequestId>4d5e-iam</RequestId>
            </ErrorResponse>
            """;

        var error = ErrorParser.ParseXml(HttpStatusCode.NotFound, body, null);

        Assert.Equal(("NoSuchEntity", "The role with name SmsRole cannot be found.", "4d5e-iam"), (error.Code, error.Message, error.RequestId));
    }

    [Theory]
    [InlineData("Throttling", 400, true, true)]
    [InlineData("Throttled", 429, true, true)]
    [InlineData("TooManyRequestsException", 400, true, true)]
    [InlineData("RequestLimitExceeded", 400, true, true)]
    [InlineData("InternalErrorException", 500, false, true)]
    [InlineData("ServiceUnavailable", 503, false, true)]
    [InlineData("InvalidParameter", 400, false, false)]
    [InlineData("VerificationException", 400, false, false)]
    public void Throttling_and_retryable_classification(string code, int status, bool throttling, bool retryable)
    {
        var e = new AwsServiceException(code, "m", (HttpStatusCode)status, null, null, "test");

        Assert.Equal((throttling, retryable), (e.IsThrottling, e.IsRetryable));
    }

    [Fact]
    public void Json_timestamps_are_epoch_seconds_with_fractions_both_ways()
    {
        var pool = JsonSerializer.Deserialize("""{"UserPool":{"CreationDate":1.7000000005E9,"LastModifiedDate":1700000001}}""",
            CognitoIdentityProvider.Model.CognitoIdentityProviderJsonContext.Default.DescribeUserPoolResponse)!.UserPool!;

        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_700_000_000.5), pool.CreationDate);
        var json = JsonSerializer.Serialize(new DescribeUserPoolResponse { UserPool = pool },
            CognitoIdentityProvider.Model.CognitoIdentityProviderJsonContext.Default.DescribeUserPoolResponse);
        Assert.Equal("""{"UserPool":{"LastModifiedDate":1700000001,"CreationDate":1700000000.5}}""", json);
    }
}
