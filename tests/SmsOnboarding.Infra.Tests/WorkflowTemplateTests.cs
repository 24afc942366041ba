using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using SmsOnboarding.Infra.Workflow;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.Finalize;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.TargetAccounts;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

[Collection(CdkCollection.Name)]
public sealed class WorkflowTemplateTests(SynthesizedStack synth)
{
    private JsonObject StateMachine => synth.OfType("AWS::StepFunctions::StateMachine").Single().Resource;

    [Fact]
    public void State_machine_is_standard_traced_and_logs_without_execution_data()
    {
        synth.Template.ResourceCountIs("AWS::StepFunctions::StateMachine", 1);
        synth.Template.HasResourceProperties("AWS::StepFunctions::StateMachine", new Dictionary<string, object>
        {
            ["StateMachineType"] = "STANDARD",
            ["TracingConfiguration"] = new Dictionary<string, object> { ["Enabled"] = true },
            ["LoggingConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["IncludeExecutionData"] = false, ["Level"] = "ALL" }),
        });
    }

    [Fact]
    public void Definition_is_inline_and_deploys_as_the_file_verbatim()
    {
        var definition = StateMachine["Properties"]!["DefinitionString"]!.GetValue<string>();

        Assert.Null(StateMachine["Properties"]!["DefinitionS3Location"]);
        Assert.Equal(File.ReadAllText(Path.Combine(synth.RepositoryRoot, InfraOptions.DefinitionRelativePath)), SubstitutionText.Unescape(definition));
    }

    [Fact]
    public void Definition_file_has_no_dollar_brace_text_that_cloudformation_would_have_to_escape()
    {
        var file = File.ReadAllText(Path.Combine(synth.RepositoryRoot, InfraOptions.DefinitionRelativePath));

        Assert.Equal(file, SubstitutionText.EscapeNonPlaceholders(file));
    }

    [Theory]
    [InlineData("{\"Comment\": \"${...} are substitutions\", \"X\": \"${PollMaxSeconds}\"}", "{\"Comment\": \"${!...} are substitutions\", \"X\": \"${PollMaxSeconds}\"}")]
    [InlineData("${A_1}${}${ B}$${C}", "${A_1}${!}${! B}$${C}")]
    [InlineData("no dollars", "no dollars")]
    public void Only_text_that_is_not_a_placeholder_is_escaped_and_unescaping_restores_it(string text, string escaped)
    {
        Assert.Equal(escaped, SubstitutionText.EscapeNonPlaceholders(text));
        Assert.Equal(text, SubstitutionText.Unescape(escaped));
    }

    [Fact]
    public void Every_catalog_step_has_one_dotnet10_arm64_traced_function_named_for_it_on_the_one_step_handler()
    {
        // Besides the steps: the API and the execution status updates.
        synth.Template.ResourceCountIs("AWS::Lambda::Function", StepCatalog.All.Count + 2);
        foreach (var step in StepCatalog.All)
        {
            synth.Template.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
            {
                ["Handler"] = StepCatalog.LambdaHandler,
                ["FunctionName"] = step.FunctionName,
                ["Runtime"] = "dotnet10",
                ["Architectures"] = new[] { "arm64" },
                ["TracingConfig"] = new Dictionary<string, object> { ["Mode"] = "Active" },
            });
        }
    }

    [Fact]
    public void Each_step_role_allows_exactly_its_catalog_actions_plus_logging_and_tracing()
    {
        var infraActions = new HashSet<string> { "logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords" };
        foreach (var step in StepCatalog.All)
        {
            var role = RoleOf(synth.StepFunctionLogicalId(step.Name));
            var granted = StatementsOf(role).SelectMany(s => Strings(s["Action"])).ToHashSet();
            var expected = step.Permissions.SelectMany(p => p.Actions).Concat(infraActions).ToHashSet();

            Assert.True(expected.SetEquals(granted), $"{step.Name}: granted [{string.Join(", ", granted.Order())}], expected [{string.Join(", ", expected.Order())}]");
        }
    }

    [Fact]
    public void Step_roles_use_catalog_resources_and_table_grants_are_confined_to_their_key_prefix()
    {
        foreach (var step in StepCatalog.All)
        {
            var statements = StatementsOf(RoleOf(synth.StepFunctionLogicalId(step.Name))).ToList();
            foreach (var statement in statements.Where(s => Strings(s["Action"]).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))))
            {
                var keys = Strings(statement["Condition"]?["ForAllValues:StringLike"]?["dynamodb:LeadingKeys"]).ToList();
                Assert.NotEmpty(keys);
                Assert.All(keys, k => Assert.Contains(k, StepPolicies.LogicalTables.Values));
                Assert.All(Many(statement["Resource"]), r => Assert.DoesNotContain("\"*\"", r.ToJsonString(), StringComparison.Ordinal));
            }

            var catalogWildcards = step.Permissions.Where(p => p.Resources.Contains("*")).SelectMany(p => p.Actions).ToHashSet();
            var wildcardActions = statements.Where(s => Strings(s["Resource"]).Contains("*")).SelectMany(s => Strings(s["Action"]));
            Assert.All(wildcardActions, a => Assert.True(catalogWildcards.Contains(a) || a.StartsWith("xray:", StringComparison.Ordinal), $"{step.Name}: {a} on *"));
        }
    }

    [Fact]
    public void Role_creation_is_limited_to_the_workflow_path_and_requires_the_publish_only_boundary()
    {
        var role = RoleOf(synth.StepFunctionLogicalId(EnsureSmsRoleStep.Name));
        var create = StatementsOf(role).Single(s => Strings(s["Action"]).Contains("iam:CreateRole"));

        Assert.Contains(":role/sms-onboarding/*", create["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        var boundaryCondition = create["Condition"]!["StringEquals"]!["iam:PermissionsBoundary"]!.ToJsonString();
        Assert.Contains(":policy/" + StepGrants.SmsRoleBoundaryPolicyName, boundaryCondition, StringComparison.Ordinal);

        var boundary = synth.OfType("AWS::IAM::ManagedPolicy").Single(p => p.Resource["Properties"]!["ManagedPolicyName"]?.GetValue<string>() == StepGrants.SmsRoleBoundaryPolicyName);
        var allowed = Many(boundary.Resource["Properties"]!["PolicyDocument"]!["Statement"]).ToList();
        Assert.Equal(["sns:Publish"], allowed.SelectMany(s => Strings(s["Action"])));
        Assert.All(allowed, s => Assert.Equal("Allow", s["Effect"]!.GetValue<string>()));
    }

    [Fact]
    public void Catalog_conditions_on_role_creation_and_role_passing_reach_the_step_role_statements()
    {
        var conditioned = StepCatalog.All.SelectMany(s => s.Permissions.Where(p => p.Conditions is not null).Select(p => (Step: s, Grant: p))).ToList();
        Assert.Contains(conditioned, c => c.Grant.Actions.Contains("iam:CreateRole"));
        Assert.Contains(conditioned, c => c.Grant.Actions.Contains("iam:PassRole"));

        foreach (var (step, grant) in conditioned)
        {
            var statement = Assert.Single(
                StatementsOf(RoleOf(synth.StepFunctionLogicalId(step.Name))),
                s => Strings(s["Action"]).Intersect(grant.Actions).Any());
            foreach (var (op, pairs) in grant.Conditions!)
            {
                foreach (var (key, value) in pairs)
                {
                    var actual = statement["Condition"]?[op]?[key];
                    Assert.True(actual is not null, $"{step.Name}: {string.Join(",", grant.Actions)} lacks condition {op} {key}");
                    // Tokens ({partition}, {account}) become Fn::Join parts; the literal tail must survive as written.
                    Assert.Contains(value[(value.LastIndexOf('}') + 1)..], actual!.ToJsonString(), StringComparison.Ordinal);
                }
            }
        }

        var passRole = StatementsOf(RoleOf(synth.StepFunctionLogicalId(FinalizeStep.Name)))
            .Single(s => Strings(s["Action"]).Contains("iam:PassRole"));
        Assert.Equal("cognito-idp.amazonaws.com", passRole["Condition"]!["StringEquals"]!["iam:PassedToService"]!.GetValue<string>());
    }

    [Fact]
    public void State_machine_role_may_invoke_every_step_function_and_nothing_else_in_lambda()
    {
        var role = synth.StateMachineRoleId();
        var invoke = StatementsOf(role).Where(s => Strings(s["Action"]).Contains("lambda:InvokeFunction")).ToList();
        var targets = invoke.SelectMany(s => Many(s["Resource"])).Select(r => Target(r) ?? Target(r["Fn::Join"]?[1]?[0])).ToHashSet();

        var stepFunctions = StepCatalog.All.Select(s => synth.StepFunctionLogicalId(s.Name)).ToHashSet();
        Assert.True(stepFunctions.SetEquals(targets!), string.Join(", ", targets));
    }

    [Fact]
    public void Only_RegisterHumanTask_knows_the_reminder_topic_and_may_publish_to_exactly_it()
    {
        var topic = synth.OfType("AWS::SNS::Topic").Single(t => t.Resource["Properties"]!["TopicName"]?.GetValue<string>() == ReminderTopic.Name);
        var register = synth.StepFunctionLogicalId(RegisterHumanTaskStep.Name);

        var publish = Assert.Single(StatementsOf(RoleOf(register)), s => Strings(s["Action"]).Contains("sns:Publish"));
        var resource = Assert.Single(Many(publish["Resource"])).ToJsonString();
        Assert.Contains(":sns:", resource, StringComparison.Ordinal);
        Assert.EndsWith(":" + ReminderTopic.Name + "\"]]}", resource, StringComparison.Ordinal);
        Assert.DoesNotContain("*", resource, StringComparison.Ordinal);

        foreach (var step in StepCatalog.All)
        {
            var variables = synth.Resources[synth.StepFunctionLogicalId(step.Name)]!["Properties"]!["Environment"]!["Variables"]!;
            if (step.Name == RegisterHumanTaskStep.Name)
            {
                Assert.Equal(topic.LogicalId, Target(variables[ReminderTopic.ArnVariable]));
            }
            else
            {
                Assert.Null(variables[ReminderTopic.ArnVariable]);
            }
        }
    }

    [Fact]
    public void Step_roles_that_act_on_the_pool_account_may_assume_exactly_the_target_role_in_any_account_and_others_nothing_in_sts()
    {
        Assert.Contains(StepCatalog.All, TargetRole.ActsOnTargetAccount);
        Assert.Contains(StepCatalog.All, s => !TargetRole.ActsOnTargetAccount(s));
        foreach (var step in StepCatalog.All)
        {
            // Any statement whose actions reach sts:AssumeRole, wildcards included, is an assume grant.
            var assume = StatementsOf(RoleOf(synth.StepFunctionLogicalId(step.Name)))
                .Where(s => Strings(s["Action"]).Any(a => a is "*" or "sts:*" || (a.StartsWith("sts:Assume", StringComparison.Ordinal) && "sts:AssumeRole".StartsWith(a.TrimEnd('*'), StringComparison.Ordinal))))
                .ToList();
            if (!TargetRole.ActsOnTargetAccount(step))
            {
                Assert.True(assume.Count == 0, $"{step.Name} acts only in the service account but may assume roles");
                continue;
            }

            var statement = Assert.Single(assume);
            Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
            Assert.Equal(["sts:AssumeRole"], Strings(statement["Action"]));
            Assert.Equal([TargetRole.AnyAccountArn], Many(statement["Resource"]).Select(Text));
            Assert.Equal("arn:{partition}:iam::*:role/sms-onboarding/sms-onboarding-target", TargetRole.AnyAccountArn);
            Assert.Null(statement["Condition"]);
        }
    }

    [Fact]
    public void Steps_that_act_on_the_pool_account_get_the_member_stacks_external_id_from_a_no_echo_parameter_and_no_other_function_does()
    {
        var parameter = synth.Json["Parameters"]![OnboardingWorkflow.TargetExternalIdParameter]!;
        Assert.True(parameter["NoEcho"]!.GetValue<bool>());
        Assert.Equal(string.Empty, parameter["Default"]!.GetValue<string>());

        var acting = StepCatalog.All.Where(TargetRole.ActsOnTargetAccount).Select(s => synth.StepFunctionLogicalId(s.Name)).ToHashSet();
        foreach (var (id, function) in synth.OfType("AWS::Lambda::Function"))
        {
            var externalId = function["Properties"]!["Environment"]?["Variables"]?[TargetRole.ExternalIdVariable];
            if (acting.Contains(id))
            {
                Assert.Equal(OnboardingWorkflow.TargetExternalIdParameter, Target(externalId));
            }
            else
            {
                Assert.True(externalId is null, $"{id} acts only in the service account but gets {TargetRole.ExternalIdVariable}");
            }
        }
    }

    private string RoleOf(string functionId) =>
        Target(synth.Resources[functionId]!["Properties"]!["Role"]) ?? throw new InvalidOperationException($"{functionId} has no role reference.");

    private IEnumerable<JsonNode> StatementsOf(string roleId)
    {
        var inline = Many(synth.Resources[roleId]!["Properties"]!["Policies"]).SelectMany(p => Many(p["PolicyDocument"]!["Statement"]));
        var attached = synth.OfType("AWS::IAM::Policy")
            .Where(p => Many(p.Resource["Properties"]!["Roles"]).Any(r => Target(r) == roleId))
            .SelectMany(p => Many(p.Resource["Properties"]!["PolicyDocument"]!["Statement"]));
        return inline.Concat(attached);
    }
}
