using System.Text.Json.Nodes;
using SmsOnboarding.Infra.Members;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

/// <summary>The StackSet that deploys the member template to every account of the OUs (issue 12.2).</summary>
[Collection(CdkCollection.Name)]
public sealed class StackSetTemplateTests(SynthesizedStack synth)
{
    private JsonObject StackSet => Assert.Single(synth.Org.OfType("AWS::CloudFormation::StackSet")).Resource["Properties"]!.AsObject();

    [Fact]
    public void Stack_set_is_service_managed_and_follows_accounts_into_and_out_of_the_ous()
    {
        Assert.Single(synth.Org.Resources);
        Assert.Equal("SERVICE_MANAGED", StackSet["PermissionModel"]!.GetValue<string>());
        Assert.Equal(SmsOnboardingOrgStack.StackSetName, StackSet["StackSetName"]!.GetValue<string>());
        Assert.True(StackSet["AutoDeployment"]!["Enabled"]!.GetValue<bool>());
        Assert.False(StackSet["AutoDeployment"]!["RetainStacksOnAccountRemoval"]!.GetValue<bool>());
        Assert.Equal(["CAPABILITY_NAMED_IAM"], Strings(StackSet["Capabilities"]));
        Assert.Null(StackSet["AdministrationRoleARN"]);
        Assert.Null(StackSet["ExecutionRoleName"]);

        Assert.Equal("{" + SmsOnboardingOrgStack.CallAsParameter + "}", Text(StackSet["CallAs"]));
        var callAs = synth.Org.Parameters[SmsOnboardingOrgStack.CallAsParameter]!;
        Assert.Equal(["DELEGATED_ADMIN", "SELF"], Strings(callAs["AllowedValues"]).Order());
        Assert.Equal("SELF", callAs["Default"]!.GetValue<string>());
    }

    [Fact]
    public void Stack_set_targets_the_ous_from_the_parameter_in_one_region_only()
    {
        var group = Assert.Single(Many(StackSet["StackInstancesGroup"]));

        Assert.Equal(SmsOnboardingOrgStack.OrganizationalUnitIdsParameter, Target(group["DeploymentTargets"]!["OrganizationalUnitIds"]));
        Assert.Null(group["DeploymentTargets"]!["Accounts"]);
        Assert.Equal("CommaDelimitedList", synth.Org.Parameters[SmsOnboardingOrgStack.OrganizationalUnitIdsParameter]!["Type"]!.GetValue<string>());
        Assert.Equal(["{region}"], Many(group["Regions"]).Select(Text));
    }

    [Fact]
    public void Stack_set_passes_every_member_parameter_through_declared_as_the_member_template_declares_it()
    {
        var passed = Many(StackSet["Parameters"]).ToDictionary(p => p["ParameterKey"]!.GetValue<string>(), p => Text(p["ParameterValue"]));

        Assert.Equal(synth.Member.Parameters.Select(p => p.Key).Order(), passed.Keys.Order());
        foreach (var (name, declaration) in synth.Member.Parameters)
        {
            Assert.Equal("{" + name + "}", passed[name]);
            Assert.True(JsonNode.DeepEquals(declaration, synth.Org.Parameters[name]), $"{name}: member {declaration!.ToJsonString()}, org {synth.Org.Parameters[name]?.ToJsonString()}");
        }

        Assert.True(synth.Org.Parameters[MemberParameters.ExternalIdName]!["NoEcho"]!.GetValue<bool>());
    }

    [Fact]
    public void Stack_set_deploys_exactly_the_synthesized_member_template()
    {
        var body = StackSet["TemplateBody"]!.GetValue<string>();

        Assert.True(JsonNode.DeepEquals(synth.Member.Json, JsonNode.Parse(body)), "the StackSet's TemplateBody differs from cdk.out's member template");
        Assert.True(body.Length <= MemberTemplate.TemplateBodyMaxLength, $"{body.Length} characters");
        Assert.Null(StackSet["TemplateURL"]);
    }

    [Fact]
    public void Stack_set_template_deploys_without_a_cdk_bootstrap()
    {
        Assert.Null(synth.Org.Json["Rules"]);
        Assert.DoesNotContain("BootstrapVersion", synth.Org.Parameters.Select(p => p.Key));
    }
}
