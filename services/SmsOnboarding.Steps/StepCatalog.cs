namespace SmsOnboarding.Steps;

/// <summary>
/// Every step of statemachine/onboarding.asl.json, with what it may do in AWS. The CDK app deploys one Lambda
/// per entry from exactly this list, and the local composition registers the same handlers under
/// <c>sms-onboarding-&lt;Name&gt;</c>; a test keeps the list and the ASL placeholders in step.
/// </summary>
public static class StepCatalog
{
    public const string LocalFunctionPrefix = "sms-onboarding-";
    public const string HandlerPrefix = "SmsOnboarding.Steps::SmsOnboarding.Steps.Lambda.StepEntryPoints::";

    /// <summary>Roles the workflow creates live under this path; the create-role grant is limited to it.</summary>
    public const string ManagedRolePath = "/sms-onboarding/";

    /// <summary>Managed policy every created SMS role must carry as its permissions boundary (infra creates it).</summary>
    public const string SmsRoleBoundaryPolicyName = "sms-onboarding-sms-role-boundary";

    private const string ManagedRoles = "arn:{partition}:iam::{account}:role/sms-onboarding/*";
    private const string BoundaryArn = "arn:{partition}:iam::{account}:policy/" + SmsRoleBoundaryPolicyName;
    private const string AnyUserPool = "arn:{partition}:cognito-idp:*:{account}:userpool/*";
    private static readonly string[] Everything = ["*"];

    // SNS SMS, SMS Voice v2 account-level, Support, Service Quotas and STS GetCallerIdentity actions have no
    // resource-level permissions, so "*" is the least privilege IAM can express for them.
    private static IamGrant Any(params string[] actions) => new(actions, Everything);

    private static readonly IamGrant IdempotencyTable = new(
        ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
        ["arn:{partition}:dynamodb:{region}:{account}:table/sms-onboarding-idempotency"]);

    private static readonly IamGrant HumanTaskTable = new(
        ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"],
        ["arn:{partition}:dynamodb:{region}:{account}:table/sms-onboarding-human-tasks",
         "arn:{partition}:dynamodb:{region}:{account}:table/sms-onboarding-human-tasks/index/*"]);

    public static IReadOnlyList<StepDescriptor> All { get; } =
    [
        Step(StepNames.ResolvePool,
            Any("sts:GetCallerIdentity"),
            new IamGrant(["cognito-idp:DescribeUserPool"], [AnyUserPool])),
        Step(StepNames.EnsureSmsRole,
            new IamGrant(["iam:GetRole", "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:TagRole"], [ManagedRoles]),
            new IamGrant(["iam:CreateRole"], [ManagedRoles],
                new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    ["StringEquals"] = new Dictionary<string, string> { ["iam:PermissionsBoundary"] = BoundaryArn },
                })),
        Step(StepNames.FindOriginationIdentity,
            Any("sns:ListOriginationNumbers", "sms-voice:DescribePhoneNumbers")),
        Step(StepNames.AdvanceOrigination,
            Any("sms-voice:CreateRegistration", "sms-voice:PutRegistrationFieldValue", "sms-voice:SubmitRegistrationVersion",
                "sms-voice:DescribeRegistrations", "sms-voice:DescribeRegistrationFieldDefinitions", "sms-voice:RequestPhoneNumber",
                "sms-voice:DescribePhoneNumbers", "sms-voice:TagResource"),
            IdempotencyTable),
        Step(StepNames.CheckSandbox,
            Any("sns:GetSMSSandboxAccountStatus")),
        Step(StepNames.SendVerificationCode,
            Any("sns:CreateSMSSandboxPhoneNumber", "sns:ListSMSSandboxPhoneNumbers"),
            IdempotencyTable),
        Step(StepNames.VerifyCode,
            Any("sns:VerifySMSSandboxPhoneNumber", "sns:ListSMSSandboxPhoneNumbers")),
        Step(StepNames.RegisterHumanTask,
            HumanTaskTable,
            new IamGrant(["sns:Publish"], [Reminders.ReminderTopic.CatalogArn]),
            IdempotencyTable),
        Step(StepNames.OpenCase,
            Any("servicequotas:ListServiceQuotas", "servicequotas:RequestServiceQuotaIncrease",
                "servicequotas:ListRequestedServiceQuotaChangeHistoryByQuota",
                "support:DescribeServices", "support:CreateCase", "support:DescribeCases"),
            IdempotencyTable),
        Step(StepNames.RecordCase,
            IdempotencyTable),
        Step(StepNames.CheckCase,
            Any("servicequotas:GetRequestedServiceQuotaChange", "support:DescribeCases", "sns:GetSMSSandboxAccountStatus",
                "sns:GetSMSAttributes", "sns:ListOriginationNumbers", "sms-voice:DescribeSpendLimits", "sms-voice:DescribePhoneNumbers"),
            IdempotencyTable),
        Step(StepNames.CheckSpend,
            Any("sns:GetSMSAttributes", "sms-voice:DescribeSpendLimits")),
        Step(StepNames.SetSpendLimit,
            Any("sns:SetSMSAttributes", "sns:GetSMSAttributes")),
        Step(StepNames.Finalize,
            new IamGrant(["cognito-idp:DescribeUserPool", "cognito-idp:UpdateUserPool"], [AnyUserPool]),
            // UpdateUserPool with SmsConfiguration passes the SMS role to Cognito.
            new IamGrant(["iam:PassRole"], [ManagedRoles],
                new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    ["StringEquals"] = new Dictionary<string, string> { ["iam:PassedToService"] = "cognito-idp.amazonaws.com" },
                })),
        Step(StepNames.SendTestMessage,
            Any("sns:Publish", "sns:ListSMSSandboxPhoneNumbers", "sns:GetSMSSandboxAccountStatus")),
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

    public static string LocalFunctionName(string stepName) => LocalFunctionPrefix + stepName;

    /// <summary>The ARN the local engine is given for a step (account and Region of the simulated account).</summary>
    public static string LocalFunctionArn(string stepName, string region = "us-east-1", string account = "111122223333") =>
        $"arn:aws:lambda:{region}:{account}:function:{LocalFunctionName(stepName)}";

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

    private static StepDescriptor Step(string name, params IamGrant[] permissions) =>
        new(name, name + "FunctionArn", HandlerPrefix + name, permissions);
}
