using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Persistence;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Simulator;

/// <summary>Saving and restoring the account (see <see cref="SimulatorStateFile"/>).</summary>
public sealed partial class SimulatedAccount
{
    // Restores without seeding: the snapshot already holds whatever the seed created.
    private SimulatedAccount(AccountSnapshot snapshot, SimulatorScenario scenario, TimeProvider time, string accountId, SimulatedAccount? root)
    {
        Time = time;
        AccountId = accountId;
        Root = root ?? this;
        Gate = root?.Gate ?? new object();
        _scenario = scenario;
        ScenarioLoader.Validate(_scenario);
        _faults = new ReplayableRandom(snapshot.Faults.Seed, snapshot.Faults.Draws);
        Ids = new ReplayableRandom(snapshot.Ids.Seed, snapshot.Ids.Draws);
        foreach (var region in snapshot.SmsRegions)
        {
            SmsRegions.Add(region.Region, SnapshotMapping.FromSnapshot(region));
        }
        foreach (var inbox in snapshot.Inboxes)
        {
            Inboxes.Add(inbox.PhoneNumber, [.. inbox.Messages]);
        }
        Deliveries.AddRange(snapshot.Deliveries);
        OriginationNumbers.AddRange(snapshot.OriginationNumbers.Select(SnapshotMapping.FromSnapshot));
        Registrations.AddRange(snapshot.Registrations.Select(SnapshotMapping.FromSnapshot));
        RegistrationAttachments.AddRange(snapshot.RegistrationAttachments.Select(a => (a.Region, a.Id, a.CreatedAt)));
        Cases.AddRange(snapshot.Cases.Select(SnapshotMapping.FromSnapshot));
        QuotaRequests.AddRange(snapshot.QuotaRequests.Select(SnapshotMapping.FromSnapshot));
        foreach (var value in snapshot.QuotaValues)
        {
            QuotaValues.Add((value.Region, value.QuotaCode), value.Value);
        }
        foreach (var pool in snapshot.UserPools)
        {
            UserPools.Add(pool.Id, SnapshotMapping.FromSnapshot(pool));
        }
        foreach (var role in snapshot.Roles)
        {
            Roles.Add(role.RoleName, SnapshotMapping.FromSnapshot(role));
        }
        SnapshotMapping.Restore(Topics, snapshot.Topics);
        foreach (var policy in snapshot.ManagedPolicies ?? [])
        {
            ManagedPolicies.Add(policy.Arn, policy);
        }
        foreach (var session in snapshot.Sessions ?? [])
        {
            Sessions.Add(session.AccessKeyId, session);
        }
        foreach (var member in snapshot.Members ?? [])
        {
            var memberScenario = scenario.Organization?.Accounts.FirstOrDefault(a => a.AccountId == member.AccountId)?.Scenario
                ?? throw new ScenarioException("$.organization.accounts", $"the saved member account {member.AccountId} is missing");
            _members.Add(member.AccountId, new SimulatedAccount(member.State, memberScenario, time, member.AccountId, this));
        }
    }

    /// <summary>Where every change is written before the request that made it is answered; null = memory only.</summary>
    internal SimulatorStateFile? StateFile { get; set; }

    internal static SimulatedAccount Restore(AccountSnapshot snapshot, SimulatorScenario scenario, TimeProvider time) =>
        new(snapshot, scenario, time, SimulatorCredentials.AccountId, root: null);

    /// <summary>Call with <see cref="Gate"/> held, so the snapshot is one consistent moment.</summary>
    internal AccountSnapshot Capture(JsonNode createdFrom) => new(
        AccountSnapshot.CurrentFormat,
        JsonNode.Parse(ScenarioLoader.Serialize(_scenario))!,
        createdFrom,
        new RandomPosition(Ids.Seed, Ids.Draws),
        new RandomPosition(_faults.Seed, _faults.Draws),
        [.. SmsRegions.Select(r => SnapshotMapping.ToSnapshot(r.Key, r.Value))],
        [.. Inboxes.Select(i => new InboxSnapshot(i.Key, [.. i.Value]))],
        [.. Deliveries],
        [.. OriginationNumbers.Select(SnapshotMapping.ToSnapshot)],
        [.. Registrations.Select(SnapshotMapping.ToSnapshot)],
        [.. RegistrationAttachments.Select(a => new AttachmentSnapshot(a.Region, a.Id, a.CreatedAt))],
        [.. Cases.Select(SnapshotMapping.ToSnapshot)],
        [.. QuotaRequests.Select(SnapshotMapping.ToSnapshot)],
        [.. QuotaValues.Select(v => new QuotaValueSnapshot(v.Key.Region, v.Key.QuotaCode, v.Value))],
        [.. UserPools.Values.Select(SnapshotMapping.ToSnapshot)],
        [.. Roles.Values.Select(SnapshotMapping.ToSnapshot)],
        [.. SnapshotMapping.ToSnapshots(Topics)],
        [.. ManagedPolicies.Values],
        [.. Sessions.Values],
        _members.Count == 0 ? null : [.. _members.Values.Select(m => new MemberAccountSnapshot(m.AccountId, m.Capture(createdFrom)))]);

    /// <summary>Writes the account to its state file if anything changed since the last write (call with <see cref="Gate"/> held).</summary>
    internal void SaveChanges() => Root.StateFile?.SaveIfChanged(Root);

    /// <summary>
    /// Saves for the wire server (call WITHOUT <see cref="Gate"/>): serialized under the Gate, with
    /// <paramref name="atSnapshot"/> run at that moment, and written outside it.
    /// </summary>
    internal void SaveChangesOutsideGate(Action atSnapshot)
    {
        if (Root.StateFile is { } file)
        {
            file.SaveOutside(Gate, Root, atSnapshot);
            return;
        }
        lock (Gate)
        {
            atSnapshot();
        }
    }
}
