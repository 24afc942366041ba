using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>
/// Settings shared by every client. Everything has a production default; tests inject handler, clock and environment.
/// A record so a per-Region copy is <c>config with { Region = "eu-west-1" }</c>.
/// </summary>
public sealed record AwsClientConfig
{
    /// <summary>Region to call; when null, AWS_REGION then AWS_DEFAULT_REGION.</summary>
    public string? Region { get; init; }

    /// <summary>Explicit endpoint; wins over AWS_ENDPOINT_URL_&lt;SERVICE&gt; and AWS_ENDPOINT_URL, as in the official SDKs.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Explicit credentials; when null the AWSSDK.Core default chain (env, profile, SSO, container, IMDS) is used.</summary>
    public ImmutableCredentials? Credentials { get; init; }

    /// <summary>
    /// Credentials that change over time (role sessions), asked for before every signature; wins over
    /// <see cref="Credentials"/>.
    /// </summary>
    public AWSCredentials? CredentialsProvider { get; init; }

    /// <summary>Innermost transport handler; it is not disposed by the client. Default: a SocketsHttpHandler without redirects.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>Limit for one HTTP attempt (send and read the response).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public RetryOptions Retry { get; init; } = new();

    /// <summary>Clock for per-attempt timeouts and retry delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Environment lookup (endpoint overrides, region); replaceable so tests need not mutate the process environment.</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Never prints credentials.</summary>
    public override string ToString() => $"AwsClientConfig {{ Region = {Region}, ServiceUrl = {ServiceUrl}, Timeout = {Timeout} }}";
}

/// <summary>Exponential backoff with full jitter: delay = random(0, min(MaxDelay, BaseDelay * 2^(attempt-1))).</summary>
public sealed record RetryOptions
{
    /// <summary>Total attempts including the first (the SDKs' standard mode uses 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Source of jitter; seed it in tests for reproducible delays.</summary>
    public Random Random { get; init; } = Random.Shared;

    public TimeSpan BackoffCeiling(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = BaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(ceiling, MaxDelay.TotalMilliseconds));
    }

    public TimeSpan Delay(int attempt) =>
        TimeSpan.FromMilliseconds(Random.NextDouble() * BackoffCeiling(attempt).TotalMilliseconds);
}
