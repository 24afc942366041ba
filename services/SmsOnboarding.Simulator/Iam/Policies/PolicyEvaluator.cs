namespace SmsOnboarding.Simulator.Iam.Policies;

/// <summary>What a set of policies says about a request.</summary>
public enum Verdict
{
    /// <summary>No statement applies: the implicit deny.</summary>
    NotApplicable,
    Allow,
    ExplicitDeny,
}

/// <summary>
/// The outcome of a whole evaluation, with AWS's wording of the reason ("... because no identity-based policy
/// allows the sns:Publish action", "... with an explicit deny in an identity-based policy").
/// </summary>
public sealed record Decision(bool Allowed, string Reason)
{
    public static readonly Decision Allow = new(true, "");
}

/// <summary>
/// IAM policy evaluation for requests within one account ("Policy evaluation logic", "How AWS enforcement code
/// logic evaluates requests"): an explicit Deny in any applicable policy wins, then an Allow is needed, else the
/// request is implicitly denied. A permissions boundary caps identity-based policies (both must allow). For a
/// role trust policy, which must always allow the caller itself: a statement naming the caller's own ARN (or a
/// service principal) is enough; one naming only the caller's account delegates to the caller's identity-based
/// policies, which must then allow the action too.
/// </summary>
public static class PolicyEvaluator
{
    private enum PrincipalMatch
    {
        None,
        Account,
        Direct,
    }

    public static Verdict Evaluate(IEnumerable<Policy> policies, AccessRequest request) =>
        Evaluate(policies, request, out _);

    /// <summary>
    /// An identity acting with its identity-based policies, capped by its permissions boundary and its session policy
    /// (when it has them): each must allow, and an explicit deny in any of them wins.
    /// </summary>
    public static Decision Authorize(IReadOnlyList<Policy> identity, IReadOnlyList<Policy>? boundary, AccessRequest request,
        IReadOnlyList<Policy>? session = null)
    {
        var byIdentity = Evaluate(identity, request);
        var byBoundary = boundary is null ? Verdict.Allow : Evaluate(boundary, request);
        var bySession = session is null ? Verdict.Allow : Evaluate(session, request);
        var decision = Combine(request, byIdentity, byBoundary);
        return bySession switch
        {
            Verdict.ExplicitDeny when byIdentity != Verdict.ExplicitDeny => Denied(request, "with an explicit deny in a session policy"),
            Verdict.NotApplicable when decision.Allowed => Denied(request, "because no session policy allows the " + request.Action + " action"),
            _ => decision,
        };
    }

    /// <summary><c>sts:AssumeRole</c> (and the like): the role's trust policy plus, for an AWS caller, its own policies.</summary>
    public static Decision AuthorizeAssumeRole(Policy trust, IReadOnlyList<Policy> callerIdentity, IReadOnlyList<Policy>? callerBoundary, AccessRequest request,
        bool crossAccount = false)
    {
        var byTrust = Evaluate([trust], request, out var direct);
        if (byTrust == Verdict.ExplicitDeny)
        {
            return Denied(request, "with an explicit deny in a resource-based policy");
        }
        if (request.Principal?.Type != "AWS")
        {
            return byTrust == Verdict.Allow ? Decision.Allow : Denied(request, "because no resource-based policy allows the " + request.Action + " action");
        }
        var byIdentity = Evaluate(callerIdentity, request);
        var byBoundary = callerBoundary is null ? Verdict.Allow : Evaluate(callerBoundary, request);
        if (byIdentity == Verdict.ExplicitDeny || byBoundary == Verdict.ExplicitDeny)
        {
            return Combine(request, byIdentity, byBoundary);
        }
        if (byTrust != Verdict.Allow)
        {
            return Denied(request, "because no resource-based policy allows the " + request.Action + " action");
        }
        // Across accounts the role's trust never speaks for the caller's account: its own policies must allow too.
        return direct && !crossAccount ? Decision.Allow : Combine(request, byIdentity, byBoundary);
    }

    private static Decision Combine(AccessRequest request, Verdict byIdentity, Verdict byBoundary) => (byIdentity, byBoundary) switch
    {
        (Verdict.ExplicitDeny, _) => Denied(request, "with an explicit deny in an identity-based policy"),
        (_, Verdict.ExplicitDeny) => Denied(request, "with an explicit deny in a permissions boundary"),
        (Verdict.NotApplicable, _) => Denied(request, "because no identity-based policy allows the " + request.Action + " action"),
        (_, Verdict.NotApplicable) => Denied(request, "because no permissions boundary allows the " + request.Action + " action"),
        _ => Decision.Allow,
    };

    private static Decision Denied(AccessRequest request, string why) => new(false, why);

    private static Verdict Evaluate(IEnumerable<Policy> policies, AccessRequest request, out bool allowedDirectly)
    {
        var allowed = false;
        allowedDirectly = false;
        foreach (var statement in policies.SelectMany(p => p.Statements))
        {
            var principal = PrincipalOf(statement, request.Principal);
            if (principal == PrincipalMatch.None || !Applies(statement, request))
            {
                continue;
            }
            if (statement.Effect == Effect.Deny)
            {
                return Verdict.ExplicitDeny;
            }
            allowed = true;
            allowedDirectly |= principal == PrincipalMatch.Direct;
        }
        return allowed ? Verdict.Allow : Verdict.NotApplicable;
    }

    private static bool Applies(Statement statement, AccessRequest request) =>
        statement.Actions.Any(a => Wildcards.Match(a, request.Action, ignoreCase: true)) != statement.NotAction
        && (statement.Resources is null || statement.Resources.Any(r => Wildcards.MatchArn(r, request.Resource)) != statement.NotResource)
        && statement.Conditions.All(c => ConditionOperators.Holds(c, request.Context));

    // Identity-based statements have no Principal: they apply to the identity they are attached to.
    private static PrincipalMatch PrincipalOf(Statement statement, Caller? caller)
    {
        if (statement.Principals is null)
        {
            return PrincipalMatch.Direct;
        }
        var match = caller is null ? PrincipalMatch.None : statement.Principals.Select(p => Matches(p, caller)).DefaultIfEmpty().Max();
        return statement.NotPrincipal
            ? match == PrincipalMatch.None ? PrincipalMatch.Direct : PrincipalMatch.None
            : match;
    }

    private static PrincipalMatch Matches(PrincipalRef principal, Caller caller)
    {
        if (principal.Type == "*" || (principal.Type == "AWS" && principal.Value == "*" && caller.Type == "AWS"))
        {
            return PrincipalMatch.Direct;
        }
        if (!string.Equals(principal.Type, caller.Type, StringComparison.Ordinal))
        {
            return PrincipalMatch.None;
        }
        if (caller.Arns.Contains(principal.Value, StringComparer.Ordinal))
        {
            return PrincipalMatch.Direct;
        }
        var account = principal.Value.Length == 12 && principal.Value.All(char.IsAsciiDigit) ? principal.Value
            : principal.Value.StartsWith("arn:", StringComparison.Ordinal) && principal.Value.EndsWith(":root", StringComparison.Ordinal)
                ? principal.Value.Split(':')[4]
                : null;
        return account is not null && account == caller.AccountId ? PrincipalMatch.Account : PrincipalMatch.None;
    }
}
