using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Persistence;

/// <summary>Live state objects to snapshot records and back (no logic: a field-by-field copy).</summary>
internal static class SnapshotMapping
{
    public static SmsRegionSnapshot ToSnapshot(string region, SmsRegionState s) => new(
        region, s.InSandbox, s.ApprovedSpendQuotaUsd,
        [.. s.SandboxNumbers.Select(n => new SandboxNumberSnapshot(n.PhoneNumber, n.Verified, n.OneTimePassword, [.. n.Sends], n.LastAttemptAt, n.VerifiedAt))],
        new SortedDictionary<string, string>(s.Attributes, StringComparer.Ordinal),
        new Dictionary<string, decimal>(s.SpentByMonth));

    public static SmsRegionState FromSnapshot(SmsRegionSnapshot s)
    {
        var state = new SmsRegionState(s.InSandbox, s.ApprovedSpendQuotaUsd, 0m);
        state.Attributes.Clear();
        foreach (var (name, value) in s.Attributes)
        {
            state.Attributes[name] = value;
        }
        foreach (var (month, spent) in s.SpentByMonth)
        {
            state.SpentByMonth[month] = spent;
        }
        foreach (var n in s.SandboxNumbers)
        {
            var number = new SandboxNumber(n.PhoneNumber)
            {
                Verified = n.Verified,
                OneTimePassword = n.OneTimePassword,
                LastAttemptAt = n.LastAttemptAt,
                VerifiedAt = n.VerifiedAt,
            };
            number.Sends.AddRange(n.Sends);
            state.SandboxNumbers.Add(number);
        }
        return state;
    }

    public static OriginationNumberSnapshot ToSnapshot(OriginationNumber n) => new(
        n.Region, n.PhoneNumberId, n.PhoneNumber, n.NumberType, n.IsoCountryCode, n.MessageType, [.. n.NumberCapabilities],
        n.CreatedAt, n.ActiveAt, n.RegistrationId, n.RequiresRegistration, n.DeletionProtectionEnabled, n.ClientToken,
        new Dictionary<string, string>(n.Tags, StringComparer.Ordinal));

    public static OriginationNumber FromSnapshot(OriginationNumberSnapshot n) => new()
    {
        Region = n.Region,
        PhoneNumberId = n.PhoneNumberId,
        PhoneNumber = n.PhoneNumber,
        NumberType = n.NumberType,
        IsoCountryCode = n.IsoCountryCode,
        MessageType = n.MessageType,
        NumberCapabilities = [.. n.NumberCapabilities],
        CreatedAt = n.CreatedAt,
        ActiveAt = n.ActiveAt,
        RegistrationId = n.RegistrationId,
        RequiresRegistration = n.RequiresRegistration,
        DeletionProtectionEnabled = n.DeletionProtectionEnabled,
        ClientToken = n.ClientToken,
        Tags = new Dictionary<string, string>(n.Tags, StringComparer.Ordinal),
    };

    public static RegistrationSnapshot ToSnapshot(Registration r) => new(
        r.Region, r.RegistrationId, r.RegistrationType, r.CreatedAt, new Dictionary<string, string>(r.Tags, StringComparer.Ordinal), r.ClientToken,
        [.. r.Versions.Select(v => new RegistrationVersionSnapshot(v.Number, v.DraftAt, v.SubmittedAt, v.Review,
            v.Fields.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, JsonNode>)f.Value.ToDictionary(x => x.Key, x => FieldValue(x.Value), StringComparer.Ordinal), StringComparer.Ordinal)))], r.BrandRegistrationId);

    public static Registration FromSnapshot(RegistrationSnapshot r)
    {
        var registration = new Registration
        {
            Region = r.Region,
            RegistrationId = r.RegistrationId,
            RegistrationType = r.RegistrationType,
            CreatedAt = r.CreatedAt,
            Tags = new Dictionary<string, string>(r.Tags, StringComparer.Ordinal),
            ClientToken = r.ClientToken,
            BrandRegistrationId = r.BrandRegistrationId,
        };
        foreach (var v in r.Versions)
        {
            var version = new RegistrationVersion(v.Number, v.DraftAt) { SubmittedAt = v.SubmittedAt, Review = v.Review };
            foreach (var (path, value) in v.Fields)
            {
                version.Fields[path] = value.ToDictionary(x => x.Key, x => FieldValue(x.Value), StringComparer.Ordinal);
            }
            registration.Versions.Add(version);
        }
        return registration;
    }

    public static SupportCaseSnapshot ToSnapshot(SupportCase c) => new(
        c.CaseId, c.DisplayId, c.Subject, c.ServiceCode, c.CategoryCode, c.SeverityCode, c.Language, c.SubmittedBy, [.. c.CcEmailAddresses],
        c.CreatedAt, [.. c.Requests], c.Review, [.. c.Approvals], c.Status, [.. c.Communications], c.Next, c.Decided, c.WaitingForCustomerInformation);

    public static SupportCase FromSnapshot(SupportCaseSnapshot c)
    {
        var supportCase = new SupportCase
        {
            CaseId = c.CaseId,
            DisplayId = c.DisplayId,
            Subject = c.Subject,
            ServiceCode = c.ServiceCode,
            CategoryCode = c.CategoryCode,
            SeverityCode = c.SeverityCode,
            Language = c.Language,
            SubmittedBy = c.SubmittedBy,
            CcEmailAddresses = [.. c.CcEmailAddresses],
            CreatedAt = c.CreatedAt,
            Requests = [.. c.Requests],
            Review = c.Review,
            Approvals = [.. c.Approvals],
            Status = c.Status,
            Next = c.Next,
            Decided = c.Decided,
            WaitingForCustomerInformation = c.WaitingForCustomerInformation,
        };
        supportCase.Communications.AddRange(c.Communications);
        return supportCase;
    }

    public static QuotaRequestSnapshot ToSnapshot(QuotaRequest q) => new(
        q.Id, q.Region, q.Quota, q.DesiredValue, q.Created, q.Review, q.CaseOpenedAfterHours, q.Status, q.LastUpdated, q.CaseId);

    public static QuotaRequest FromSnapshot(QuotaRequestSnapshot q) => new()
    {
        Id = q.Id,
        Region = q.Region,
        Quota = q.Quota,
        DesiredValue = q.DesiredValue,
        Created = q.Created,
        Review = q.Review,
        CaseOpenedAfterHours = q.CaseOpenedAfterHours,
        Status = q.Status,
        LastUpdated = q.LastUpdated,
        CaseId = q.CaseId,
    };

    public static UserPoolSnapshot ToSnapshot(UserPool p) => new(
        p.Id, p.Region, p.CreationDate, p.Name, p.LastModifiedDate, p.Settings, p.Fixed, p.MfaFactors, p.Users);

    public static UserPool FromSnapshot(UserPoolSnapshot p)
    {
        var pool = new UserPool
        {
            Id = p.Id,
            Region = p.Region,
            CreationDate = p.CreationDate,
            Name = p.Name,
            LastModifiedDate = p.LastModifiedDate,
            Settings = p.Settings,
            Fixed = p.Fixed,
            Users = p.Users ?? [],
        };
        foreach (var (name, value) in p.MfaFactors)
        {
            pool.MfaFactors[name] = value?.DeepClone();
        }
        return pool;
    }

    public static IamRoleSnapshot ToSnapshot(IamRole r) => new(
        r.RoleName, r.Path, r.RoleId, r.CreateDate, r.AssumeRolePolicyDocument, r.Description, r.MaxSessionDuration, [.. r.Tags],
        new SortedDictionary<string, string>(r.InlinePolicies, StringComparer.Ordinal), r.PermissionsBoundaryArn, [.. r.AttachedPolicyArns],
        r.TrustChange, new SortedDictionary<string, PendingChange>(r.InlinePolicyChanges, StringComparer.Ordinal));

    public static IamRole FromSnapshot(IamRoleSnapshot r)
    {
        var role = new IamRole
        {
            RoleName = r.RoleName,
            Path = r.Path,
            RoleId = r.RoleId,
            CreateDate = r.CreateDate,
            AssumeRolePolicyDocument = r.AssumeRolePolicyDocument,
            Description = r.Description,
            MaxSessionDuration = r.MaxSessionDuration,
            PermissionsBoundaryArn = r.PermissionsBoundaryArn,
            TrustChange = r.TrustChange,
        };
        foreach (var (name, change) in r.InlinePolicyChanges ?? new Dictionary<string, PendingChange>())
        {
            role.InlinePolicyChanges[name] = change;
        }
        role.Tags.AddRange(r.Tags);
        role.AttachedPolicyArns.AddRange(r.AttachedPolicyArns ?? []);
        foreach (var (name, document) in r.InlinePolicies)
        {
            role.InlinePolicies[name] = document;
        }
        return role;
    }

    public static IEnumerable<SnsTopicSnapshot> ToSnapshots(SnsTopics topics) =>
        topics.Arns().Select(arn => topics.Find(arn)!).Select(t => new SnsTopicSnapshot(
            t.Arn, t.Region, t.Name, new Dictionary<string, string>(t.Attributes, StringComparer.Ordinal), t.CreatedAt, [.. t.Messages]));

    public static void Restore(SnsTopics topics, IEnumerable<SnsTopicSnapshot> saved)
    {
        foreach (var t in saved)
        {
            var topic = new SnsTopic(t.Arn, t.Region, t.Name, new Dictionary<string, string>(t.Attributes, StringComparer.Ordinal), t.CreatedAt);
            topic.Messages.AddRange(t.Messages);
            topics.Add(topic);
        }
    }

    private static JsonNode FieldValue(object value) => value switch
    {
        string text => JsonValue.Create(text),
        IEnumerable<string> choices => new JsonArray([.. choices.Select(c => (JsonNode)JsonValue.Create(c))]),
        _ => throw new InvalidOperationException($"Unexpected registration field value {value.GetType().Name}."),
    };

    private static object FieldValue(JsonNode value) => value switch
    {
        JsonArray choices => choices.Select(c => c?.GetValue<string>() ?? throw new InvalidDataException("a select choice is null")).ToList(),
        _ => value.GetValue<string>(),
    };
}
