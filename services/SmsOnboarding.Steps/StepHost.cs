using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Cases;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.Steps;

/// <summary>
/// Every step handler behind one JSON-in, JSON-out call by step name: what a Lambda entry point and the
/// embedded engine both invoke, so the cloud and the local product run the same code with the same payloads.
/// </summary>
public sealed class StepHost
{
    private readonly Dictionary<string, Func<string, CancellationToken, Task<string>>> _steps = new(StringComparer.Ordinal);

    /// <param name="reminders">Where reminders about waiting human tasks go; none (inbox only) when null.</param>
    /// <param name="uiBaseUrl">The web UI, for links in reminders; none when null.</param>
    public StepHost(
        IAwsClientFactory aws,
        IIdempotencyStore store,
        IHumanTaskInbox inbox,
        TimeProvider time,
        string? smsRoleBoundaryArn = null,
        IMetrics? metrics = null,
        IReminderNotifier? reminders = null,
        Uri? uiBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var j = StepJson.Default;
        var router = new CaseRouter([new ServiceQuotasChannel(aws), new SupportApiChannel(aws), new HumanChannel()], store, time);
        Bind(StepNames.ResolvePool, new ResolvePoolHandler(aws), j.ResolvePoolInput, j.PoolInfo);
        Bind(StepNames.EnsureSmsRole, new EnsureSmsRoleHandler(aws, smsRoleBoundaryArn), j.StepInput, j.RoleInfo);
        Bind(StepNames.FindOriginationIdentity, new FindOriginationIdentityHandler(aws), j.OriginationInput, j.OriginationProgress);
        Bind(StepNames.AdvanceOrigination, new AdvanceOriginationHandler(aws, store, time), j.OriginationInput, j.OriginationProgress);
        Bind(StepNames.CheckSandbox, new CheckSandboxHandler(aws), j.StepInput, j.SandboxStatus);
        Bind(StepNames.SendVerificationCode, new SendVerificationCodeHandler(aws, store, time), j.SendCodeInput, j.CodeSends);
        Bind(StepNames.VerifyCode, new VerifyCodeHandler(aws), j.VerifyCodeInput, j.VerificationState);
        Bind(StepNames.RegisterHumanTask, new RegisterHumanTaskHandler(inbox, time, metrics ?? NoMetrics.Instance, store, reminders ?? NoReminderNotifier.Instance, uiBaseUrl), j.RegisterHumanTaskInput, j.HumanTaskRegistered);
        Bind(StepNames.OpenCase, new OpenCaseHandler(router), j.CaseInput, j.CaseState);
        Bind(StepNames.RecordCase, new RecordCaseHandler(), j.CaseInput, j.CaseState);
        Bind(StepNames.CheckCase, new CheckCaseHandler(aws, time), j.CaseInput, j.CaseState);
        Bind(StepNames.CheckSpend, new CheckSpendHandler(aws), j.StepInput, j.SpendCheck);
        Bind(StepNames.SetSpendLimit, new SetSpendLimitHandler(aws), j.StepInput, j.SpendLimitSet);
        Bind(StepNames.Finalize, new FinalizeHandler(aws), j.FinalizeInput, j.FinalizeResult);
        Bind(StepNames.SendTestMessage, new SendTestMessageHandler(aws, store, time), j.StepInput, j.TestMessageResult);
    }

    public IReadOnlyCollection<string> Steps => _steps.Keys;

    /// <summary>Runs a step; failures are <see cref="StepException"/> whose ErrorName the ASL matches.</summary>
    public Task<string> InvokeAsync(string stepName, string payloadJson, CancellationToken cancellationToken = default) =>
        _steps.TryGetValue(stepName, out var step)
            ? step(payloadJson, cancellationToken)
            : throw StepException.Failed($"Unknown step '{stepName}'.");

    private void Bind<TIn, TOut>(string name, IStepHandler<TIn, TOut> handler, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output) =>
        _steps[name] = async (json, ct) =>
        {
            TIn? payload;
            try
            {
                payload = JsonSerializer.Deserialize(json, input);
            }
            catch (JsonException e)
            {
                throw StepException.Failed($"{name} got a payload it cannot read: {e.Message}", e);
            }

            if (payload is null)
            {
                throw StepException.Failed($"{name} got an empty payload.");
            }

            var result = await handler.HandleAsync(payload, ct).ConfigureAwait(false);
            return JsonSerializer.Serialize(result, output);
        };
}
