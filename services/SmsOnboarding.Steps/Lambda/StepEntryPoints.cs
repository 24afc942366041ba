using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;

namespace SmsOnboarding.Steps.Lambda;

/// <summary>
/// Lambda handlers (dotnet10 managed runtime, Stream in and out, no Amazon.Lambda packages): one method per
/// step, handler string "SmsOnboarding.Steps::SmsOnboarding.Steps.Lambda.StepEntryPoints::&lt;Step&gt;".
/// Environment: AWS_REGION (set by Lambda), SMS_ONBOARDING_DATA_DIR (idempotency and human-task stores),
/// SMS_ROLE_BOUNDARY_ARN (permissions boundary for created SMS roles).
/// </summary>
public sealed class StepEntryPoints
{
    private static readonly Lazy<StepHost> Host = new(CreateFromEnvironment);

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

    private static StepHost CreateFromEnvironment()
    {
        var dataDir = Environment.GetEnvironmentVariable("SMS_ONBOARDING_DATA_DIR") ?? Path.GetTempPath();
        Directory.CreateDirectory(dataDir);
        var aws = new AwsClientFactory(region => new AwsClientConfig { Region = region });
        return new StepHost(
            aws,
            new SqliteIdempotencyStore(Path.Combine(dataDir, "idempotency.db")),
            new SqliteHumanTaskInbox(Path.Combine(dataDir, "human-tasks.db")),
            TimeProvider.System,
            Environment.GetEnvironmentVariable("SMS_ROLE_BOUNDARY_ARN"));
    }
}
