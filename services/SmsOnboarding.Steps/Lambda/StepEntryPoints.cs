using Amazon.Runtime;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.Steps.Lambda;

/// <summary>
/// Lambda handlers (dotnet10 managed runtime, Stream in and out, no Amazon.Lambda packages): one method per
/// step, handler string "SmsOnboarding.Steps::SmsOnboarding.Steps.Lambda.StepEntryPoints::&lt;Step&gt;".
/// Environment: AWS_REGION (set by Lambda), SMS_ONBOARDING_TABLE (DynamoDB table for idempotency records and
/// human tasks; without it SQLite files under SMS_ONBOARDING_DATA_DIR, see <see cref="StepStores"/>),
/// SMS_ROLE_BOUNDARY_ARN (permissions boundary for created SMS roles), AWS_LAMBDA_FUNCTION_NAME (set by Lambda:
/// metrics go to stdout in embedded metric format), SMS_ONBOARDING_REMINDER_TOPIC_ARN (RegisterHumanTask publishes
/// reminders there; without it reminders only re-issue the task) and SMS_ONBOARDING_UI_URL (links in reminders).
/// </summary>
public sealed class StepEntryPoints
{
    private static readonly Lazy<StepHost> Host = new(() => CreateHost(Environment.GetEnvironmentVariable));

    public Task<Stream> ResolvePool(Stream input) => Invoke(StepNames.ResolvePool, input);

    public Task<Stream> EnsureSmsRole(Stream input) => Invoke(StepNames.EnsureSmsRole, input);

    public Task<Stream> FindOriginationIdentity(Stream input) => Invoke(StepNames.FindOriginationIdentity, input);

    public Task<Stream> AdvanceOrigination(Stream input) => Invoke(StepNames.AdvanceOrigination, input);

    public Task<Stream> CheckSandbox(Stream input) => Invoke(StepNames.CheckSandbox, input);

    public Task<Stream> SendVerificationCode(Stream input) => Invoke(StepNames.SendVerificationCode, input);

    public Task<Stream> VerifyCode(Stream input) => Invoke(StepNames.VerifyCode, input);

    public Task<Stream> RegisterHumanTask(Stream input) => Invoke(StepNames.RegisterHumanTask, input);

    public Task<Stream> OpenCase(Stream input) => Invoke(StepNames.OpenCase, input);

    public Task<Stream> RecordCase(Stream input) => Invoke(StepNames.RecordCase, input);

    public Task<Stream> CheckCase(Stream input) => Invoke(StepNames.CheckCase, input);

    public Task<Stream> CheckSpend(Stream input) => Invoke(StepNames.CheckSpend, input);

    public Task<Stream> SetSpendLimit(Stream input) => Invoke(StepNames.SetSpendLimit, input);

    public Task<Stream> Finalize(Stream input) => Invoke(StepNames.Finalize, input);

    public Task<Stream> SendTestMessage(Stream input) => Invoke(StepNames.SendTestMessage, input);

    /// <summary>Runs a step on <paramref name="host"/>; what every entry method does with the shared host.</summary>
    public static async Task<Stream> Invoke(StepHost host, string stepName, Stream input)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(input);
        string json;
        using (var reader = new StreamReader(input))
        {
            json = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        try
        {
            var output = await host.InvokeAsync(stepName, json).ConfigureAwait(false);
            return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(output));
        }
        catch (StepException e)
        {
            throw LambdaErrors.ToLambdaError(e);
        }
    }

    private static Task<Stream> Invoke(string stepName, Stream input) => Invoke(Host.Value, stepName, input);

    /// <summary>The host a Lambda instance builds once from its environment.</summary>
    /// <param name="metricsOutput">Where embedded-metric-format lines go inside Lambda; stdout when null.</param>
    public static StepHost CreateHost(Func<string, string?> environment, AWSCredentials? dynamoDbCredentials = null, TextWriter? metricsOutput = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var stores = StepStores.FromEnvironment(environment, dynamoDbCredentials);
        var aws = new AwsClientFactory(region => new AwsClientConfig { Region = region });
        var metrics = StepMetrics.FromEnvironment(environment, metricsOutput ?? Console.Out, TimeProvider.System);
        return new StepHost(aws, stores.Idempotency, stores.Inbox, TimeProvider.System, environment("SMS_ROLE_BOUNDARY_ARN"), metrics,
            Reminders(environment, aws), UiUrl(environment));
    }

    private static IReminderNotifier Reminders(Func<string, string?> environment, IAwsClientFactory aws) =>
        environment(ReminderTopic.ArnVariable) is { Length: > 0 } topicArn
            ? new SnsReminderNotifier(aws, topicArn)
            : NoReminderNotifier.Instance;

    private static Uri? UiUrl(Func<string, string?> environment)
    {
        var value = environment(ReminderTopic.UiUrlVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url
            : throw new InvalidOperationException($"{ReminderTopic.UiUrlVariable} must be an absolute http(s) URL; it is '{value}'.");
    }
}
