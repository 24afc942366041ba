using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Persistence;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.Services.Cognito;
using SmsOnboarding.Simulator.Services.Quotas;
using SmsOnboarding.Simulator.Services.Support;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator;

/// <summary>
/// The whole state of one simulated AWS account. Thread-safe through one gate (the simulator is not a
/// throughput benchmark). Everything that changes with time is derived from stored timestamps and
/// <see cref="Time"/> when it is read, so a time-skipping clock just works: no timers.
/// </summary>
public sealed partial class SimulatedAccount
{
    private SimulatorScenario _scenario;
    private ReplayableRandom _faults;

    public SimulatedAccount(SimulatorScenario? scenario = null, TimeProvider? timeProvider = null)
        : this(scenario ?? new SimulatorScenario(), timeProvider ?? TimeProvider.System, SimulatorCredentials.AccountId, root: null)
    {
    }

    // A member account shares the organisation's gate, clock and state file: one request changes one consistent partition.
    private SimulatedAccount(SimulatorScenario scenario, TimeProvider time, string accountId, SimulatedAccount? root)
    {
        Time = time;
        AccountId = accountId;
        Root = root ?? this;
        Gate = root?.Gate ?? new object();
        _scenario = scenario;
        ScenarioLoader.Validate(_scenario);
        _faults = new ReplayableRandom(_scenario.Faults.Seed);
        // Ids (access keys above all) must differ between the accounts of one organisation, whatever their scenarios' seeds.
        Ids = new ReplayableRandom(_scenario.Faults.Seed ^ 0x5EED ^ (root is null ? 0 : (int)(long.Parse(accountId, System.Globalization.CultureInfo.InvariantCulture) % int.MaxValue)));
        Seed();
        if (root is null)
        {
            AddMembers(_scenario);
        }
    }

    public string AccountId { get; }
    public TimeProvider Time { get; }

    internal object Gate { get; }
    internal ReplayableRandom Ids { get; private set; }
    internal Dictionary<string, SmsRegionState> SmsRegions { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, List<PhoneMessage>> Inboxes { get; } = new(StringComparer.Ordinal);
    internal List<SmsDelivery> Deliveries { get; } = [];
    internal List<OriginationNumber> OriginationNumbers { get; } = [];
    internal List<Registration> Registrations { get; } = [];
    internal List<(string Region, string Id, DateTimeOffset CreatedAt)> RegistrationAttachments { get; } = [];
    internal List<SupportCase> Cases { get; } = [];
    internal List<QuotaRequest> QuotaRequests { get; } = [];
    internal Dictionary<(string Region, string QuotaCode), double> QuotaValues { get; } = [];
    internal Dictionary<string, UserPool> UserPools { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, IamRole> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);
    internal Dictionary<string, ManagedPolicy> ManagedPolicies { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, RoleSession> Sessions { get; } = new(StringComparer.Ordinal);
    public SnsTopics Topics { get; } = new();

    public SimulatorScenario Scenario
    {
        get
        {
            lock (Gate)
            {
                return _scenario;
            }
        }
    }

    /// <summary>
    /// Swaps the rules (support plan, review timing and outcomes, faults, prices) for everything decided from
    /// now on; existing resources and already-opened reviews keep their course. Use <see cref="Reset"/> to
    /// start over with the scenario's seed data.
    /// </summary>
    public void ReplaceScenario(SimulatorScenario scenario)
    {
        ScenarioLoader.Validate(scenario);
        lock (Gate)
        {
            _scenario = scenario;
            _faults = new ReplayableRandom(scenario.Faults.Seed);
            foreach (var member in scenario.Organization?.Accounts ?? [])
            {
                if (_members.TryGetValue(member.AccountId, out var existing))
                {
                    existing._scenario = member.Scenario;
                    existing._faults = new ReplayableRandom(member.Scenario.Faults.Seed);
                }
                else
                {
                    AddMember(member);
                }
            }
            SaveChanges();
        }
    }

    /// <summary>Forgets every resource and re-creates the account from <paramref name="scenario"/>.</summary>
    public void Reset(SimulatorScenario scenario)
    {
        ScenarioLoader.Validate(scenario);
        lock (Gate)
        {
            _scenario = scenario;
            _faults = new ReplayableRandom(scenario.Faults.Seed);
            Ids = new ReplayableRandom(scenario.Faults.Seed ^ 0x5EED);
            SmsRegions.Clear();
            Inboxes.Clear();
            Deliveries.Clear();
            OriginationNumbers.Clear();
            Registrations.Clear();
            RegistrationAttachments.Clear();
            Cases.Clear();
            QuotaRequests.Clear();
            QuotaValues.Clear();
            UserPools.Clear();
            Roles.Clear();
            ManagedPolicies.Clear();
            Sessions.Clear();
            Topics.Clear();
            Seed();
            _members.Clear();
            AddMembers(scenario);
            SaveChanges();
        }
    }

    /// <summary>Messages delivered to a simulated handset, oldest first.</summary>
    public IReadOnlyList<PhoneMessage> MessagesTo(string phoneNumber)
    {
        lock (Gate)
        {
            Advance();
            return Root.Inboxes.TryGetValue(phoneNumber, out var inbox) ? [.. inbox] : [];
        }
    }

    /// <summary>Every SMS send attempt (delivered or not), oldest first.</summary>
    public IReadOnlyList<SmsDelivery> DeliveryLog()
    {
        lock (Gate)
        {
            return [.. Deliveries];
        }
    }

    public bool IsInSandbox(string region)
    {
        lock (Gate)
        {
            Advance();
            return Sms(region).InSandbox;
        }
    }

    public bool HasUserPool(string region, string userPoolId)
    {
        lock (Gate)
        {
            return UserPools.TryGetValue(userPoolId, out var pool) && pool.Region == region;
        }
    }

    public decimal ApprovedSpendQuotaUsd(string region)
    {
        lock (Gate)
        {
            Advance();
            return Sms(region).ApprovedSpendQuotaUsd;
        }
    }

    internal DateTimeOffset Now => Time.GetUtcNow();

    internal SmsRegionState Sms(string region)
    {
        if (!SmsRegions.TryGetValue(region, out var state))
        {
            var spend = _scenario.Spend.GetValueOrDefault(region);
            var quota = spend?.ApprovedQuotaUsd ?? _scenario.DefaultApprovedSpendQuotaUsd;
            var inSandbox = _scenario.InSandboxByDefault && !_scenario.ProductionRegions.Contains(region);
            state = new SmsRegionState(inSandbox, quota, spend?.MonthlySpendLimitUsd ?? Math.Min(1m, quota));
            SmsRegions[region] = state;
        }
        return state;
    }

    internal SimulatorScenario CurrentScenario => _scenario;

    /// <summary>Applies every review step that has come due, in time order (in every account of the organisation, from its root).</summary>
    internal void Advance()
    {
        var now = Now;
        // Quota requests first: they may open cases whose own steps are already due.
        QuotaLifecycle.AdvanceAll(this, now);
        CaseLifecycle.AdvanceAll(this, now);
        foreach (var member in _members.Values)
        {
            member.Advance();
        }
    }

    /// <summary>Draws the fault (if any) for one request, from the scenario's seeded RNG.</summary>
    internal InjectedFault DrawFault(string signingName)
    {
        var faults = _scenario.Faults;
        if (faults.ThrottleRate + faults.ServerErrorRate <= 0 || (faults.Services.Count > 0 && !faults.Services.Contains(signingName)))
        {
            return InjectedFault.None;
        }
        var draw = _faults.NextDouble();
        return draw < faults.ThrottleRate ? InjectedFault.Throttle
            : draw < faults.ThrottleRate + faults.ServerErrorRate ? InjectedFault.ServerError
            : InjectedFault.None;
    }

    internal string NewId(int length, string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789")
    {
        var chars = new char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[Ids.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>A handset is not in any account: whichever account of the organisation sends, the message lands in one inbox (the root's).</summary>
    internal void Deliver(string to, PhoneMessage message)
    {
        if (!Root.Inboxes.TryGetValue(to, out var inbox))
        {
            inbox = [];
            Root.Inboxes[to] = inbox;
        }
        inbox.Add(message);
    }

    private void Seed()
    {
        var now = Now;
        var seed = _scenario.Seed;
        foreach (var role in seed.Roles)
        {
            var created = new IamRole
            {
                RoleName = role.RoleName,
                Path = role.Path,
                RoleId = "AROA" + NewId(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
                // Seeded roles existed before the scenario began: long propagated, whatever the IAM delays.
                CreateDate = now.AddDays(-1),
                AssumeRolePolicyDocument = role.AssumeRolePolicyDocument.ToJsonString(),
            };
            foreach (var (name, document) in role.InlinePolicies)
            {
                created.InlinePolicies[name] = document.ToJsonString();
            }
            foreach (var (key, value) in role.Tags)
            {
                created.SetTag(key, value);
            }
            Roles[role.RoleName] = created;
        }
        foreach (var number in seed.OriginationNumbers)
        {
            OriginationNumbers.Add(new OriginationNumber
            {
                Region = number.Region,
                PhoneNumberId = "phone-" + NewId(32, "0123456789abcdef"),
                PhoneNumber = number.PhoneNumber,
                NumberType = number.NumberType,
                IsoCountryCode = number.IsoCountryCode,
                MessageType = number.MessageType,
                NumberCapabilities = ["SMS"],
                CreatedAt = now,
                ActiveAt = now,
            });
        }
        foreach (var number in seed.VerifiedNumbers)
        {
            Sms(number.Region).SandboxNumbers.Add(new SandboxNumber(number.PhoneNumber)
            {
                Verified = true,
                VerifiedAt = now,
                LastAttemptAt = now,
            });
        }
        for (var i = 0; i < seed.UserPools.Count; i++)
        {
            var pool = seed.UserPools[i];
            var configuration = (JsonObject?)pool.Configuration?.DeepClone() ?? [];
            configuration["PoolName"] = pool.PoolName;
            try
            {
                UserPoolStore.Create(this, pool.Region, configuration, pool.Id, checkSmsRole: false);
            }
            catch (Protocol.AwsServiceException e)
            {
                throw new ScenarioException($"$.seed.userPools[{i}].configuration", e.Message);
            }
        }
    }
}

internal enum InjectedFault
{
    None,
    Throttle,
    ServerError,
}
