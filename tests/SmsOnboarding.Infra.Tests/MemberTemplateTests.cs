using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Infra.Members;
using SmsOnboarding.Infra.Workflow;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.TargetAccounts;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

/// <summary>The member-account template (issue 12.2): what a team's account holds so the service's steps can act there.</summary>
[Collection(CdkCollection.Name)]
public sealed class MemberTemplateTests(SynthesizedStack synth)
{
    private JsonObject TargetRoleProperties =>
        synth.Member.OfType("AWS::IAM::Role").Single(r => r.Resource["Properties"]!["RoleName"]?.GetValue<string>() == TargetRole.RoleName)
            .Resource["Properties"]!.AsObject();

    private List<JsonNode> PolicyStatements =>
        [.. Many(Assert.Single(Many(TargetRoleProperties["Policies"]))["PolicyDocument"]!["Statement"])];

    [Fact]
    public void Member_template_holds_only_the_target_role_and_the_sms_role_boundary()
    {
        var types = synth.Member.Resources.Select(r => r.Value!["Type"]!.GetValue<string>()).Order();

        Assert.Equal(["AWS::IAM::ManagedPolicy", "AWS::IAM::Role"], types);
    }

    [Fact]
    public void Target_role_is_named_and_pathed_as_the_steps_assume_it_and_keeps_the_default_session_duration()
    {
        Assert.Equal(TargetRole.RoleName, TargetRoleProperties["RoleName"]!.GetValue<string>());
        Assert.Equal(TargetRole.Path, TargetRoleProperties["Path"]!.GetValue<string>());
        Assert.Equal("/sms-onboarding/", TargetRoleProperties["Path"]!.GetValue<string>());
        Assert.Null(TargetRoleProperties["MaxSessionDuration"]);
        Assert.Null(TargetRoleProperties["ManagedPolicyArns"]);
    }

    [Fact]
    public void Target_role_allows_exactly_every_steps_grants_on_the_pool_account()
    {
        var expected = TargetRole.Grants().Select(g => Key(
            g.Actions, g.Resources,
            (g.Conditions ?? new Dictionary<string, IReadOnlyDictionary<string, string>>()).SelectMany(c => c.Value.Select(p => $"{c.Key}:{p.Key}={p.Value}")))).ToList();
        var allowed = PolicyStatements.Where(s => s["Effect"]!.GetValue<string>() == "Allow").Select(s => Key(
            Strings(s["Action"]), Many(s["Resource"]).Select(Text),
            (s["Condition"]?.AsObject() ?? []).SelectMany(c => c.Value!.AsObject().Select(p => $"{c.Key}:{p.Key}={Text(p.Value)}")))).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, allowed.Count);
        Assert.True(expected.ToHashSet().SetEquals(allowed), $"missing: [{string.Join("; ", expected.Except(allowed))}], extra: [{string.Join("; ", allowed.Except(expected))}]");
    }

    [Fact]
    public void Target_role_denies_every_change_to_itself_which_its_grants_on_the_managed_path_would_otherwise_allow()
    {
        var ownArn = TargetRole.Arn("{account}", "{partition}");
        var deny = Assert.Single(PolicyStatements, s => s["Effect"]!.GetValue<string>() == "Deny");

        Assert.Equal(SmsOnboardingMemberStack.DenySelfChangeSid, deny["Sid"]!.GetValue<string>());
        Assert.Null(deny["Action"]);
        Assert.Equal(["iam:Get*", "iam:List*"], Strings(deny["NotAction"]).Order());
        Assert.Equal([ownArn], Many(deny["Resource"]).Select(Text));
        Assert.Null(deny["Condition"]);

        // Why the deny is needed: without it the role could rewrite its own policy or trust, or pass itself to Cognito.
        var selfWrites = PolicyStatements.Where(s => s["Effect"]!.GetValue<string>() == "Allow" && Many(s["Resource"]).Select(Text).Any(r => Glob(r).IsMatch(ownArn)))
            .SelectMany(s => Strings(s["Action"])).ToHashSet();
        Assert.Contains("iam:PutRolePolicy", selfWrites);
        Assert.Contains("iam:UpdateAssumeRolePolicy", selfWrites);
        Assert.Contains("iam:PassRole", selfWrites);
        var stillAllowed = Glob(string.Join('|', Strings(deny["NotAction"])));
        // At least what the local organisation's member side denies (TargetRole.SelfChangeActions), and more.
        var denied = selfWrites.Concat(TargetRole.SelfChangeActions).Concat(["iam:PassRole", "sts:AssumeRole"])
            .Where(a => !a.StartsWith("iam:Get", StringComparison.Ordinal));
        Assert.All(denied, a => Assert.DoesNotMatch(stillAllowed, a));
        Assert.Matches(stillAllowed, "iam:GetRole");
    }

    [Fact]
    public void Only_the_service_accounts_step_roles_in_the_organisation_with_the_external_id_may_assume_the_target_role()
    {
        var trust = Assert.Single(Many(TargetRoleProperties["AssumeRolePolicyDocument"]!["Statement"]));

        Assert.Equal("Allow", trust["Effect"]!.GetValue<string>());
        Assert.Equal(["sts:AssumeRole"], Strings(trust["Action"]));
        Assert.Equal($"arn:{{partition}}:iam::{{{MemberParameters.ServiceAccountIdName}}}:root", Text(trust["Principal"]!["AWS"]));
        var condition = trust["Condition"]!.AsObject();
        Assert.Equal(["ArnLike", "StringEquals"], condition.Select(c => c.Key).Order());
        Assert.Equal(["aws:PrincipalOrgID", "sts:ExternalId"], condition["StringEquals"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("{" + MemberParameters.ExternalIdName + "}", Text(condition["StringEquals"]!["sts:ExternalId"]));
        Assert.Equal("{" + MemberParameters.OrganizationIdName + "}", Text(condition["StringEquals"]!["aws:PrincipalOrgID"]));
        Assert.Equal(
            $"arn:{{partition}}:iam::{{{MemberParameters.ServiceAccountIdName}}}:role{OnboardingWorkflow.StepRolePath}*",
            Text(condition["ArnLike"]!["aws:PrincipalArn"]));

        var parameters = synth.Member.Parameters;
        Assert.Equal(
            [MemberParameters.ExternalIdName, MemberParameters.OrganizationIdName, MemberParameters.ServiceAccountIdName],
            parameters.Select(p => p.Key).Order());
        Assert.True(parameters[MemberParameters.ExternalIdName]!["NoEcho"]!.GetValue<bool>());
        Assert.Equal(2, parameters[MemberParameters.ExternalIdName]!["MinLength"]!.GetValue<int>());
        Assert.Equal(1224, parameters[MemberParameters.ExternalIdName]!["MaxLength"]!.GetValue<int>());
    }

    [Fact]
    public void Trusted_path_holds_every_step_function_role_of_the_service_stack_and_no_other_role()
    {
        var stepRoles = StepCatalog.All
            .Select(s => Target(synth.Resources[synth.StepFunctionLogicalId(s.Name)]!["Properties"]!["Role"])!)
            .ToHashSet();
        var underPath = synth.OfType("AWS::IAM::Role")
            .Where(r => r.Resource["Properties"]!["Path"]?.GetValue<string>() == OnboardingWorkflow.StepRolePath)
            .Select(r => r.LogicalId)
            .ToHashSet();

        Assert.Equal(StepCatalog.All.Count, stepRoles.Count);
        Assert.True(stepRoles.SetEquals(underPath), $"step roles [{string.Join(", ", stepRoles)}], under {OnboardingWorkflow.StepRolePath}: [{string.Join(", ", underPath)}]");
        Assert.All(synth.OfType("AWS::IAM::Role"), r => Assert.Null(r.Resource["Properties"]!["RoleName"]));
        Assert.DoesNotMatch(Glob(StepGrants.ManagedRoles), $"arn:{{partition}}:iam::{{account}}:role{OnboardingWorkflow.StepRolePath}x");
    }

    [Fact]
    public void Member_account_has_the_publish_only_boundary_that_role_creation_there_requires()
    {
        var boundary = Assert.Single(synth.Member.OfType("AWS::IAM::ManagedPolicy")).Resource["Properties"]!;
        Assert.Equal(StepGrants.SmsRoleBoundaryPolicyName, boundary["ManagedPolicyName"]!.GetValue<string>());
        var statements = Many(boundary["PolicyDocument"]!["Statement"]).ToList();
        Assert.Equal(["sns:Publish"], statements.SelectMany(s => Strings(s["Action"])));
        Assert.All(statements, s => Assert.Equal("Allow", s["Effect"]!.GetValue<string>()));

        var create = Assert.Single(PolicyStatements, s => Strings(s["Action"]).Contains("iam:CreateRole"));
        Assert.Equal(
            $"arn:{{partition}}:iam::{{account}}:policy/{StepGrants.SmsRoleBoundaryPolicyName}",
            Text(create["Condition"]!["StringEquals"]!["iam:PermissionsBoundary"]));
        Assert.Contains(TargetRole.GrantsFor(StepCatalog.All.Single(s => s.Name == EnsureSmsRoleStep.Name)), g => g.Actions.Contains("iam:CreateRole"));
    }

    [Fact]
    public void Member_template_deploys_without_a_cdk_bootstrap_and_fits_the_role_inline_policy_limit()
    {
        Assert.Null(synth.Member.Json["Rules"]);
        Assert.DoesNotContain("BootstrapVersion", synth.Member.Parameters.Select(p => p.Key));
        Assert.Empty(synth.Member.OfType("AWS::CDK::Metadata"));

        // IAM counts a role's inline policies without whitespace against 10,240 characters; tokens as their longest values.
        var policy = Assert.Single(Many(TargetRoleProperties["Policies"]))["PolicyDocument"]!;
        var resolved = Regex.Replace(Resolved(policy).ToJsonString(), @"\s", string.Empty)
            .Replace("{partition}", "aws-us-gov", StringComparison.Ordinal).Replace("{account}", "123456789012", StringComparison.Ordinal);
        Assert.True(resolved.Length < 10_240, $"{resolved.Length} characters");
    }

    private static JsonNode Resolved(JsonNode node) => node switch
    {
        JsonObject o when o.ContainsKey("Ref") || o.ContainsKey("Fn::Join") => JsonValue.Create(Text(o)),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Resolved(p.Value!)))),
        JsonArray a => new JsonArray([.. a.Select(n => Resolved(n!))]),
        _ => node.DeepClone(),
    };

    private static string Key(IEnumerable<string> actions, IEnumerable<string> resources, IEnumerable<string> conditions) =>
        string.Join(',', actions.Order()) + " on " + string.Join(',', resources.Order()) + " if " + string.Join(',', conditions.Order());

    /// <summary>IAM's ARN wildcards (* and ?) as a regular expression, so a test can ask which statements reach an ARN.</summary>
    private static Regex Glob(string pattern) =>
        new("^(" + string.Join('|', pattern.Split('|').Select(p => Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal))) + ")$");
}
