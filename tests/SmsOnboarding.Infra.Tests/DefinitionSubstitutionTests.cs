using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Steps;
using static SmsOnboarding.Infra.Tests.TemplateJson;

namespace SmsOnboarding.Infra.Tests;

[Collection(CdkCollection.Name)]
public sealed partial class DefinitionSubstitutionTests(SynthesizedStack synth)
{
    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();

    private JsonObject Properties => synth.OfType("AWS::StepFunctions::StateMachine").Single().Resource["Properties"]!.AsObject();

    private JsonObject Substitutions => Properties["DefinitionSubstitutions"]!.AsObject();

    public static HashSet<string> PlaceholdersIn(string definition) => Placeholder().Matches(definition).Select(m => m.Groups[1].Value).ToHashSet();

    [Fact]
    public void Every_placeholder_in_the_definition_is_substituted_and_no_substitution_is_unused()
    {
        var placeholders = PlaceholdersIn(Properties["DefinitionString"]!.GetValue<string>());
        var substituted = Substitutions.Select(s => s.Key).ToHashSet();

        Assert.NotEmpty(placeholders);
        Assert.Empty(placeholders.Except(substituted));
        Assert.Empty(substituted.Except(placeholders));
    }

    [Fact]
    public void Function_placeholders_point_at_the_function_running_that_steps_handler()
    {
        foreach (var step in StepCatalog.All)
        {
            var value = Substitutions[step.FunctionArnPlaceholder];
            Assert.Equal(synth.StepFunctionLogicalId(step.Name), Target(value));
            Assert.Equal("Arn", value!["Fn::GetAtt"]![1]!.GetValue<string>());
        }
    }

    [Fact]
    public void Settings_are_stack_parameters_defaulting_to_the_catalog_values()
    {
        foreach (var (name, value) in StepCatalog.Settings)
        {
            Assert.Equal(name, Target(Substitutions[name]));
            var parameter = synth.Json["Parameters"]![name]!;
            Assert.Equal(value, parameter["Default"]!.GetValue<string>());
            Assert.Equal("^[0-9]+$", parameter["AllowedPattern"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Context_overrides_a_setting_default()
    {
        var app = synth.NewApp(new Dictionary<string, object> { [SettingNames.PollInitialSeconds] = "600" });

        var options = InfraOptions.FromContext(app.Node);

        Assert.Equal("600", options.SettingDefaults[SettingNames.PollInitialSeconds]);
        Assert.Equal(StepCatalog.Settings[SettingNames.PollMaxSeconds], options.SettingDefaults[SettingNames.PollMaxSeconds]);
    }

    [Fact]
    public void Missing_lambda_package_fails_synth_with_the_command_to_run()
    {
        var app = synth.NewApp(new Dictionary<string, object> { [InfraOptions.StepsPackageContext] = Path.Combine(synth.WorkDirectory, "not-published") });

        var error = Assert.Throws<InvalidOperationException>(() => InfraOptions.FromContext(app.Node));

        Assert.Contains("SmsOnboarding.Steps.dll", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet publish services/SmsOnboarding.Steps", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The definition as Step Functions will see it after CloudFormation's substitution: function ARNs built from
    /// the functions the placeholders reference, settings from their parameter defaults.
    /// </summary>
    public static string Resolved(SynthesizedStack synth) =>
        Substitute(synth.OfType("AWS::StepFunctions::StateMachine").Single().Resource["Properties"]!, value => value["Fn::GetAtt"] is not null
            ? $"arn:aws:lambda:us-east-1:123456789012:function:SmsOnboardingStack-{Target(value)}"
            : synth.Json["Parameters"]![Target(value)!]!["Default"]!.GetValue<string>());

    /// <summary>
    /// What CloudFormation does with DefinitionString and DefinitionSubstitutions (Fn::Sub's rules: each ${Name} replaced by
    /// its value, each escaped ${!Literal} emitted as ${Literal}); <paramref name="valueOf"/> resolves a substitution's value.
    /// </summary>
    public static string Substitute(JsonNode stateMachineProperties, Func<JsonNode, string> valueOf)
    {
        ArgumentNullException.ThrowIfNull(stateMachineProperties);
        ArgumentNullException.ThrowIfNull(valueOf);
        var values = stateMachineProperties["DefinitionSubstitutions"]!.AsObject().ToDictionary(s => s.Key, s => valueOf(s.Value!));
        var substituted = Placeholder().Replace(stateMachineProperties["DefinitionString"]!.GetValue<string>(), m => values[m.Groups[1].Value]);
        return Infra.Workflow.SubstitutionText.Unescape(substituted);
    }
}
