using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Scenarios;

public enum SupportPlan
{
    Basic,
    Developer,
    Business,
    EnterpriseOnRamp,
    Enterprise,
}

/// <summary>
/// How the simulated account is set up and how AWS "behaves" towards it. Every member has the default of a
/// brand-new account, so <c>{}</c> (or no file) is the default scenario.
/// </summary>
public sealed record SimulatorScenario
{
    public string Name { get; init; } = "default";
    public SupportPlan SupportPlan { get; init; } = SupportPlan.Business;

    /// <summary>Whether a Region not listed in <see cref="ProductionRegions"/> starts in the SMS sandbox.</summary>
    public bool InSandboxByDefault { get; init; } = true;
    public IReadOnlyList<string> ProductionRegions { get; init; } = [];

    /// <summary>Approved SMS spend quota (USD per month) of every Region not listed in <see cref="Spend"/>.</summary>
    public decimal DefaultApprovedSpendQuotaUsd { get; init; } = 1m;
    public IReadOnlyDictionary<string, RegionSpend> Spend { get; init; } = new Dictionary<string, RegionSpend>();

    /// <summary>What one SMS segment costs against the monthly spend limit.</summary>
    public decimal SmsPriceUsd { get; init; } = 0.00645m;

    /// <summary>Which SMS quotas Service Quotas lists (AWS documents none for SMS: both are the simulator's guesses).</summary>
    public SmsQuotas SmsQuotas { get; init; } = new();

    /// <summary>How long IAM changes take to be seen (IAM is eventually consistent; AWS gives no figure).</summary>
    public IamPropagation IamPropagation { get; init; } = new();

    public ReviewPolicies Reviews { get; init; } = new();
    public FaultInjection Faults { get; init; } = new();
    public SeedData Seed { get; init; } = new();

    /// <summary>The AWS Organizations organisation this account belongs to, with the member accounts simulated beside it; none when null.</summary>
    public SimulatedOrganization? Organization { get; init; }
}

/// <summary>
/// An organisation (AWS Organizations) around the simulated account: every member account has its own pools, sandbox
/// state, quotas, support plan and inboxes, from its own scenario. The README's local key stays this account's.
/// </summary>
public sealed record SimulatedOrganization
{
    /// <summary>The organisation id (aws:PrincipalOrgID): o- and 10 to 32 lower-case letters or digits, as AWS Organizations forms it.</summary>
    public string Id { get; init; } = "o-exampleorgid";
    public IReadOnlyList<MemberAccount> Accounts { get; init; } = [];
}

/// <summary>A member account of the organisation and how AWS behaves towards it (a scenario without an organisation of its own).</summary>
public sealed record MemberAccount(string AccountId)
{
    public string? Name { get; init; }
    public SimulatorScenario Scenario { get; init; } = new();
}

/// <summary>
/// Whether the account's Service Quotas list holds an adjustable SMS spend quota (sns and sms-voice) and an SMS
/// production access quota (sms-voice). A quota not listed cannot be requested (NoSuchResourceException).
/// </summary>
public sealed record SmsQuotas
{
    public bool SpendLimit { get; init; } = true;
    public bool ProductionAccess { get; init; }
}

public sealed record RegionSpend(decimal ApprovedQuotaUsd, decimal? MonthlySpendLimitUsd = null);

/// <summary>How long an AWS review takes and what it decides.</summary>
public sealed record ReviewPolicy(double DelayHours, bool Approve = true, bool AskForMoreInfo = false);

public sealed record ReviewPolicies
{
    /// <summary>Support case asking to leave the SMS sandbox (AWS answers within about a day).</summary>
    public ReviewPolicy SandboxExit { get; init; } = new(26);
    /// <summary>Support case asking for a higher SMS spend quota.</summary>
    public ReviewPolicy SpendIncrease { get; init; } = new(48);
    /// <summary>Support case asking for a dedicated origination identity (short codes take weeks).</summary>
    public ReviewPolicy OriginationIdentity { get; init; } = new(240);
    /// <summary>Service Quotas increase request: decision after DelayHours.</summary>
    public ReviewPolicy QuotaIncrease { get; init; } = new(30);
    /// <summary>After this many hours a Service Quotas request has a Support case (CASE_OPENED).</summary>
    public double QuotaCaseOpenedAfterHours { get; init; } = 1;
    /// <summary>SMS Voice v2 registration review (toll-free: up to 15 business days).</summary>
    public ReviewPolicy Registration { get; init; } = new(120);
    /// <summary>The first this-many versions of every registration are DENIED with reasons (sent back for updates).</summary>
    public int RegistrationVersionsSentBack { get; init; }
    /// <summary>RequestPhoneNumber: PENDING until this much time has passed, then ACTIVE.</summary>
    public double PhoneNumberActivationHours { get; init; } = 0.05;
    /// <summary>Support answers a case it cannot classify (or a customer reply) after this long.</summary>
    public double GeneralResponseHours { get; init; } = 12;
    /// <summary>A case waiting on the customer is resolved automatically after this long.</summary>
    public double AutoResolveHours { get; init; } = 168;
}

/// <summary>
/// Seconds of account time before a created or changed IAM role (trust policy, inline policies) is seen by IAM
/// reads (GetRole, GetRolePolicy) and by role assumption (STS AssumeRole, Cognito's use of an SMS role).
/// </summary>
public sealed record IamPropagation
{
    public double ReadSeconds { get; init; }
    public double RoleAssumptionSeconds { get; init; }
}

/// <summary>Injected faults, drawn from a seeded RNG so a run is reproducible.</summary>
public sealed record FaultInjection
{
    public int Seed { get; init; } = 1;
    public double ThrottleRate { get; init; }
    public double ServerErrorRate { get; init; }
    /// <summary>Signing names the faults apply to; empty = every service.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];
}

public sealed record SeedData
{
    public IReadOnlyList<SeedRole> Roles { get; init; } = [];
    public IReadOnlyList<SeedUserPool> UserPools { get; init; } = [];
    public IReadOnlyList<SeedOriginationNumber> OriginationNumbers { get; init; } = [];
    public IReadOnlyList<SeedSandboxNumber> VerifiedNumbers { get; init; } = [];
}

public sealed record SeedRole(string RoleName, JsonObject AssumeRolePolicyDocument)
{
    public string Path { get; init; } = "/";
    public IReadOnlyDictionary<string, JsonObject> InlinePolicies { get; init; } = new Dictionary<string, JsonObject>();
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A user pool that already exists; <see cref="Configuration"/> uses CreateUserPool's members.</summary>
public sealed record SeedUserPool(string Region, string PoolName)
{
    public string? Id { get; init; }
    public JsonObject? Configuration { get; init; }
}

public sealed record SeedOriginationNumber(string Region, string PhoneNumber, string NumberType)
{
    public string IsoCountryCode { get; init; } = "US";
    public string MessageType { get; init; } = "TRANSACTIONAL";
}

public sealed record SeedSandboxNumber(string Region, string PhoneNumber);
