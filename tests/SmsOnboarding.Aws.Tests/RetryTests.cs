using System.Net;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.AWSSupport;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Aws.Tests.Support;

namespace SmsOnboarding.Aws.Tests;

/// <summary>Backoff and retry against a real loopback server; every delay runs on a fake clock.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private readonly LoopbackServer _server = new();
    private readonly RecordingTimeProvider _clock = new();
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromSeconds(20));
    private readonly RetryOptions _retry = new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(10),
        Random = new Random(7),
    };

    private AwsClientConfig Config => new()
    {
        Region = "us-east-1",
        ServiceUrl = _server.Url,
        Credentials = ClientEntry.TestCredentials,
        TimeProvider = _clock,
        Retry = _retry,
        Timeout = AttemptTimeout,
        EnvironmentVariable = _ => null,
    };

    private const string PoolJson = """{"UserPool":{"Id":"us-east-1_Abc","Name":"pool"}}""";

    [Fact]
    public async Task Idempotent_call_is_retried_after_5xx_and_throttling_with_full_jitter_delays_then_succeeds()
    {
        _server.Enqueue(
            LoopbackServer.Status(500, """{"__type":"InternalErrorException","message":"boom"}"""),
            LoopbackServer.Status(429, """{"__type":"TooManyRequestsException","message":"slow down"}"""),
            LoopbackServer.Status(200, PoolJson));
        using var client = new AmazonCognitoIdentityProviderClient(Config);

        var call = client.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_Abc" }, _guard.Token);
        var first = await AdvancePastNextBackoff();
        var second = await AdvancePastNextBackoff();
        var response = await call;

        Assert.Equal("pool", response.UserPool!.Name);
        Assert.Equal(3, _server.Requests.Count);
        Assert.InRange(first, TimeSpan.Zero, _retry.BackoffCeiling(1));
        Assert.InRange(second, TimeSpan.Zero, _retry.BackoffCeiling(2));
        Assert.Equal(TimeSpan.FromSeconds(2), _retry.BackoffCeiling(2));
    }

    [Fact]
    public async Task Dropped_connection_is_retried_for_an_idempotent_call()
    {
        _server.Enqueue(LoopbackServer.Drop(), LoopbackServer.Status(200, PoolJson));
        using var client = new AmazonCognitoIdentityProviderClient(Config);

        var call = client.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_Abc" }, _guard.Token);
        await AdvancePastNextBackoff();

        Assert.Equal("us-east-1_Abc", (await call).UserPool!.Id);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Publish_is_not_retried_after_a_server_error_because_it_would_send_twice()
    {
        _server.Enqueue(LoopbackServer.Status(500, SnsError("InternalError", "internal"), "text/xml"));
        using var client = new AmazonSimpleNotificationServiceClient(Config);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.PublishAsync(new PublishRequest { PhoneNumber = "+14155550100", Message = "hi" }, _guard.Token));

        Assert.Equal("InternalError", error.ErrorCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(1, error.Attempts);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_expired_session_is_renewed_and_the_call_sent_again_once_even_when_not_idempotent()
    {
        _server.Enqueue(
            LoopbackServer.Status(403, SnsError("ExpiredToken", "The security token included in the request is expired"), "text/xml"),
            LoopbackServer.Status(200, """<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>""", "text/xml"));
        var sessions = new CountingSessions();
        using var client = new AmazonSimpleNotificationServiceClient(Config with { CredentialsProvider = sessions });

        var response = await client.PublishAsync(new PublishRequest { PhoneNumber = "+14155550100", Message = "hi" }, _guard.Token);

        Assert.Equal("m-1", response.MessageId);
        var keys = _server.Requests.Select(r => r.Header("Authorization")!.Split("Credential=")[1].Split('/')[0]).ToList();
        Assert.Equal(["ASIASESSION1", "ASIASESSION2"], keys);
    }

    [Fact]
    public async Task A_session_that_stays_expired_is_not_sent_a_third_time()
    {
        _server.Enqueue(
            LoopbackServer.Status(403, SnsError("ExpiredToken", "expired"), "text/xml"),
            LoopbackServer.Status(403, SnsError("ExpiredToken", "expired"), "text/xml"));
        using var client = new AmazonSimpleNotificationServiceClient(Config with { CredentialsProvider = new CountingSessions() });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.PublishAsync(new PublishRequest { PhoneNumber = "+14155550100", Message = "hi" }, _guard.Token));

        Assert.Equal("ExpiredToken", error.ErrorCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    /// <summary>A role's sessions as a provider renews them: a new key each time it is asked.</summary>
    private sealed class CountingSessions : Amazon.Runtime.AWSCredentials
    {
        private int _issued;

        public override Amazon.Runtime.ImmutableCredentials GetCredentials() =>
            new($"ASIASESSION{Interlocked.Increment(ref _issued)}", "secret", "token");
    }

    [Fact]
    public async Task Create_case_is_not_retried_when_throttled()
    {
        _server.Enqueue(LoopbackServer.Status(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""));
        using var client = new AmazonAWSSupportClient(Config);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.CreateCaseAsync(new CreateCaseRequest { Subject = "s", CommunicationBody = "b" }, _guard.Token));

        Assert.True(error.IsThrottling);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Retries_stop_after_max_attempts_and_the_last_error_is_thrown()
    {
        _server.Enqueue(
            LoopbackServer.Status(503, SnsError("ServiceUnavailable", "try later"), "text/xml"),
            LoopbackServer.Status(503, SnsError("ServiceUnavailable", "try later"), "text/xml"),
            LoopbackServer.Status(503, SnsError("ServiceUnavailable", "still down"), "text/xml"));
        using var client = new AmazonSimpleNotificationServiceClient(Config);

        var call = client.GetSMSAttributesAsync(new GetSMSAttributesRequest(), _guard.Token);
        await AdvancePastNextBackoff();
        await AdvancePastNextBackoff();
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => call);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatusCode);
        Assert.Equal("still down", error.Message);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried_even_for_reads()
    {
        _server.Enqueue(LoopbackServer.Status(400, """{"__type":"ResourceNotFoundException","message":"User pool does not exist."}"""));
        using var client = new AmazonCognitoIdentityProviderClient(Config);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_Missing" }, _guard.Token));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Call_with_a_client_token_is_retried_with_the_same_token()
    {
        _server.Enqueue(
            LoopbackServer.Status(500, """{"__type":"InternalServerException","Message":"oops"}"""),
            LoopbackServer.Status(200, """{"PhoneNumberId":"phone-1","Status":"PENDING"}"""));
        using var client = new AmazonPinpointSMSVoiceV2Client(Config);
        var request = new RequestPhoneNumberRequest
        {
            IsoCountryCode = "US",
            MessageType = PinpointSMSVoiceV2.Model.MessageType.TRANSACTIONAL,
            NumberCapabilities = [PinpointSMSVoiceV2.Model.NumberCapability.SMS],
            NumberType = RequestableNumberType.TOLL_FREE,
        };

        var call = client.RequestPhoneNumberAsync(request, _guard.Token);
        await AdvancePastNextBackoff();
        var response = await call;

        Assert.Equal("phone-1", response.PhoneNumberId);
        var tokens = _server.Requests.Select(r => (string?)JsonNode.Parse(r.Body)!["ClientToken"]).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.False(string.IsNullOrEmpty(tokens[0]));
        Assert.Equal(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task Start_execution_is_retried_only_when_named_because_the_name_makes_it_idempotent()
    {
        _server.Enqueue(
            LoopbackServer.Status(500, """{"__type":"InternalFailure"}"""),
            LoopbackServer.Status(500, """{"__type":"InternalFailure"}"""),
            LoopbackServer.Status(200, """{"executionArn":"arn:aws:states:us-east-1:111122223333:execution:m:run-1","startDate":1700000000}"""));
        using var sfn = new StepFunctions.AmazonStepFunctionsClient(Config);
        const string machine = "arn:aws:states:us-east-1:111122223333:stateMachine:m";

        await Assert.ThrowsAsync<AwsServiceException>(() =>
            sfn.StartExecutionAsync(new StepFunctions.Model.StartExecutionRequest { StateMachineArn = machine }, _guard.Token));
        var named = sfn.StartExecutionAsync(new StepFunctions.Model.StartExecutionRequest { StateMachineArn = machine, Name = "run-1" }, _guard.Token);
        await AdvancePastNextBackoff();

        Assert.EndsWith(":run-1", (await named).ExecutionArn, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_during_backoff_stops_without_another_attempt()
    {
        _server.Enqueue(LoopbackServer.Status(500, """{"__type":"InternalErrorException","message":"boom"}"""));
        using var client = new AmazonCognitoIdentityProviderClient(Config);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(_guard.Token);

        var call = client.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_Abc" }, caller.Token);
        await _clock.NextTimerBelowAsync(AttemptTimeout, _guard.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Attempt_that_gets_no_answer_times_out_on_the_clock()
    {
        _server.Enqueue(_server.Hang());
        var config = Config;
        using var client = new AmazonCognitoIdentityProviderClient(new AwsClientConfig
        {
            Region = config.Region,
            ServiceUrl = config.ServiceUrl,
            Credentials = config.Credentials,
            TimeProvider = _clock,
            Timeout = AttemptTimeout,
            Retry = new RetryOptions { MaxAttempts = 1 },
            EnvironmentVariable = _ => null,
        });

        var call = client.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_Abc" }, _guard.Token);
        await _server.NextArrivalAsync(_guard.Token);
        _clock.Advance(AttemptTimeout);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => call);

        Assert.Equal(AwsServiceException.NetworkCodes.RequestTimeout, error.ErrorCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Undecodable_success_body_is_a_typed_error_and_not_retried()
    {
        _server.Enqueue(LoopbackServer.Status(200, "{\"UserPool\": [not json"));
        using var client = new AmazonCognitoIdentityProviderClient(Config);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_Abc" }, _guard.Token));

        Assert.Equal("InvalidResponse", error.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void Invalid_retry_or_timeout_settings_are_rejected_when_the_client_is_built()
    {
        Assert.Throws<ArgumentException>(() => new AmazonCognitoIdentityProviderClient(new AwsClientConfig
        {
            Region = "us-east-1",
            Retry = new RetryOptions { MaxAttempts = 0 },
            EnvironmentVariable = _ => null,
        }));
        Assert.Throws<ArgumentException>(() => new AmazonCognitoIdentityProviderClient(new AwsClientConfig
        {
            Region = "us-east-1",
            Timeout = TimeSpan.Zero,
            EnvironmentVariable = _ => null,
        }));
    }

    private async Task<TimeSpan> AdvancePastNextBackoff()
    {
        var due = await _clock.NextTimerBelowAsync(AttemptTimeout, _guard.Token);
        _clock.Advance(due);
        return due;
    }

    private static string SnsError(string code, string message) =>
        $"""<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Receiver</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>""";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _guard.Dispose();
    }
}
