using SmsOnboarding.Steps.AdvanceOrigination;
using SmsOnboarding.Steps.CheckCase;
using SmsOnboarding.Steps.CheckSandbox;
using SmsOnboarding.Steps.CheckSpend;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.Finalize;
using SmsOnboarding.Steps.FindOriginationIdentity;
using SmsOnboarding.Steps.OpenCase;
using SmsOnboarding.Steps.RecordCase;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.SendTestMessage;
using SmsOnboarding.Steps.SendVerificationCode;
using SmsOnboarding.Steps.SetSpendLimit;
using SmsOnboarding.Steps.VerifyCode;

namespace SmsOnboarding.Steps;

/// <summary>
/// Every step of statemachine/onboarding.asl.json, one descriptor per folder under <c>Steps/</c>. The CDK app
/// deploys one Lambda per entry, the local engine registers the same handlers under the same function names,
/// and the API takes each Task state's role from here; tests keep this list, the folders and the ASL in step.
/// </summary>
public static class StepCatalog
{
    /// <summary>The one Lambda handler of every step function; <see cref="StepVariable"/> picks the step.</summary>
    public const string LambdaHandler = "SmsOnboarding.Steps::SmsOnboarding.Steps.Lambda.StepEntryPoint::HandleAsync";

    /// <summary>The environment variable naming the step a function runs (set per function by the CDK app).</summary>
    public const string StepVariable = "SMS_ONBOARDING_STEP";

    private const string FunctionPrefix = "sms-onboarding-";

    public static IReadOnlyList<StepDescriptor> All { get; } =
    [
        ResolvePoolStep.Descriptor,
        EnsureSmsRoleStep.Descriptor,
        FindOriginationIdentityStep.Descriptor,
        AdvanceOriginationStep.Descriptor,
        CheckSandboxStep.Descriptor,
        SendVerificationCodeStep.Descriptor,
        VerifyCodeStep.Descriptor,
        RegisterHumanTaskStep.Descriptor,
        OpenCaseStep.Descriptor,
        RecordCaseStep.Descriptor,
        CheckCaseStep.Descriptor,
        CheckSpendStep.Descriptor,
        SetSpendLimitStep.Descriptor,
        FinalizeStep.Descriptor,
        SendTestMessageStep.Descriptor,
    ];

    /// <summary>
    /// The non-function placeholders of the ASL with their defaults (numbers as strings: the ASL turns them into
    /// numbers with States.StringToJson). Poll 5 min doubling to 12 h keeps a 60-day review near 1,150 history events.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingNames.PollInitialSeconds] = "300",
        [SettingNames.PollMaxSeconds] = "43200",
        [SettingNames.CaseMaxWaitDays] = "90",
        [SettingNames.HumanReminderSeconds] = "86400",
        [SettingNames.HumanMaxReminders] = "7",
        [SettingNames.MaxWrongCodes] = "3",
        [SettingNames.MaxCodeSendsPerDay] = "5",
    };

    public static StepDescriptor? Find(string stepName) => All.FirstOrDefault(s => s.Name == stepName);

    /// <summary>
    /// The step a Task's function reference points to: the ASL placeholder (<c>${NameFunctionArn}</c>), or the
    /// function name or ARN it was substituted with (a name fixed per step, so a deployed definition maps too).
    /// </summary>
    public static StepDescriptor? ForFunction(string? functionReference)
    {
        if (string.IsNullOrEmpty(functionReference))
        {
            return null;
        }

        if (functionReference.StartsWith("${", StringComparison.Ordinal) && functionReference.EndsWith('}'))
        {
            var placeholder = functionReference[2..^1];
            return All.FirstOrDefault(s => s.FunctionArnPlaceholder == placeholder);
        }

        // arn:aws:lambda:region:account:function:name[:qualifier], or a bare name.
        var parts = functionReference.Split(':');
        var name = parts.Length >= 7 && parts[5] == "function" ? parts[6] : functionReference;
        return All.FirstOrDefault(s => s.FunctionName == name);
    }

    public static string FunctionName(string stepName) => FunctionPrefix + stepName;

    /// <summary>The ARN the local engine is given for a step (account and Region of the simulated account).</summary>
    public static string LocalFunctionArn(string stepName, string region = "us-east-1", string account = "111122223333") =>
        $"arn:aws:lambda:{region}:{account}:function:{FunctionName(stepName)}";

    /// <summary>Every DefinitionSubstitutions entry for the local engine: function ARNs plus <see cref="Settings"/>.</summary>
    public static IReadOnlyDictionary<string, string> LocalSubstitutions(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in All)
        {
            values[step.FunctionArnPlaceholder] = LocalFunctionArn(step.Name);
        }

        foreach (var (key, value) in Settings)
        {
            values[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            if (!values.ContainsKey(key))
            {
                throw new ArgumentException($"'{key}' is not a placeholder of the onboarding state machine.", nameof(overrides));
            }

            values[key] = value;
        }

        return values;
    }
}
