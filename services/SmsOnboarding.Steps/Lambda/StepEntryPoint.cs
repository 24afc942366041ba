using Amazon.Runtime;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.Lambda;

/// <summary>
/// The Lambda handler of every step function (dotnet10 managed runtime, Stream in and out, no Amazon.Lambda
/// packages): <see cref="StepCatalog.LambdaHandler"/>, the step named by SMS_ONBOARDING_STEP.
/// Environment: AWS_REGION (set by Lambda), SMS_ONBOARDING_TABLE (DynamoDB table for idempotency records and
/// human tasks; without it SQLite files under SMS_ONBOARDING_DATA_DIR, see <see cref="StepStores"/>),
/// SMS_ROLE_BOUNDARY_ARN (permissions boundary for created SMS roles), AWS_LAMBDA_FUNCTION_NAME (set by Lambda:
/// metrics go to stdout in embedded metric format), SMS_ONBOARDING_REMINDER_TOPIC_ARN (RegisterHumanTask publishes
/// reminders there; without it reminders only re-issue the task), SMS_ONBOARDING_UI_URL (links in reminders) and
/// SMS_ONBOARDING_TARGET_EXTERNAL_ID (the member stacks' ExternalId: without it the steps act only in the service's account).
/// </summary>
public sealed class StepEntryPoint
{
    // Read once per instance: a function whose variable is missing or wrong fails every call with the reason.
    private static readonly Lazy<(StepHost Host, string Step)> Instance = new(() =>
        (CreateHost(Environment.GetEnvironmentVariable), StepOf(Environment.GetEnvironmentVariable).Name));

    public Task<Stream> HandleAsync(Stream input) => Invoke(Instance.Value.Host, Instance.Value.Step, input);

    /// <summary>The step this function runs, from <see cref="StepCatalog.StepVariable"/>.</summary>
    public static StepDescriptor StepOf(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = environment(StepCatalog.StepVariable);
        return StepCatalog.Find(name ?? string.Empty) ?? throw new InvalidOperationException(
            $"{StepCatalog.StepVariable} must name a step of the catalog ({string.Join(", ", StepCatalog.All.Select(s => s.Name))}); it is '{name}'.");
    }

    /// <summary>Runs a step on <paramref name="host"/> with a Lambda's Stream payload and error names.</summary>
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

    /// <summary>The host a Lambda instance builds once from its environment.</summary>
    /// <param name="environment">The function's environment; endpoint overrides (AWS_ENDPOINT_URL*) are read from it too.</param>
    /// <param name="credentials">Every AWS call's credentials; null in Lambda: the SDK's default chain finds the function's role.</param>
    /// <param name="metricsOutput">Where embedded-metric-format lines go inside Lambda; stdout when null.</param>
    /// <param name="time">The steps' clock; the system clock in Lambda.</param>
    public static StepHost CreateHost(Func<string, string?> environment, AWSCredentials? credentials = null, TextWriter? metricsOutput = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        time ??= TimeProvider.System;
        var stores = StepStores.FromEnvironment(environment, credentials);
        var aws = new AwsClientFactory(region => new AwsClientConfig { Region = region, CredentialsProvider = credentials, EnvironmentVariable = environment });
        var metrics = StepMetrics.FromEnvironment(environment, metricsOutput ?? Console.Out, time);
        var targets = environment(TargetRole.ExternalIdVariable) is { Length: > 0 } externalId
            ? new AssumedRoleTargetAccounts(aws, session => new AwsClientFactory(region =>
                new AwsClientConfig { Region = region, CredentialsProvider = session, EnvironmentVariable = environment }), externalId, time)
            : null;
        var services = new StepServices(aws, stores.Idempotency, stores.AccountWork, stores.Inbox, time)
        {
            SmsRoleBoundaryArn = environment("SMS_ROLE_BOUNDARY_ARN"),
            Metrics = metrics,
            Reminders = Reminders(environment, aws),
            UiBaseUrl = UiUrl(environment),
            TargetAccounts = targets,
        };
        return new StepHost(_ => services);
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
