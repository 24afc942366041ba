using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using SmsOnboarding.Infra.Members;
using SmsOnboarding.Steps;

// jsii-backed CDK calls from parallel test classes deadlock `dotnet test` (FIELD-GUIDE): one collection, serial.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SmsOnboarding.Infra.Tests;

/// <summary>
/// Synthesizes the stack once for the whole collection. jsii's temp files and package cache go to a folder under
/// infra/.tmp (gitignored) that is deleted afterwards, so a test run leaves nothing behind.
/// </summary>
public sealed class SynthesizedStack : IDisposable
{
    public const string ReminderEmail = "approvers@example.com";
    public const string AlarmEmail = "ops@example.com";

    private readonly Dictionary<(string, string), JsonObject> _variants = [];

    public SynthesizedStack()
    {
        RepositoryRoot = FindRepositoryRoot();
        WorkDirectory = Path.Combine(RepositoryRoot, "infra", ".tmp", "tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(WorkDirectory, "tmp"));
        System.Environment.SetEnvironmentVariable("TMPDIR", Path.Combine(WorkDirectory, "tmp"));
        System.Environment.SetEnvironmentVariable("JSII_RUNTIME_PACKAGE_CACHE_ROOT", Path.Combine(WorkDirectory, "jsii-cache"));

        // Template tests never run the functions: the steps package is the real assembly, the API package a named
        // placeholder (this project does not build the API), which is all Code.FromAsset hashes.
        StepsPackage = Directory.CreateDirectory(Path.Combine(WorkDirectory, "steps")).FullName;
        File.Copy(typeof(StepCatalog).Assembly.Location, Path.Combine(StepsPackage, InfraOptions.StepsAssembly + ".dll"));
        ApiPackage = Directory.CreateDirectory(Path.Combine(WorkDirectory, "api")).FullName;
        File.WriteAllText(Path.Combine(ApiPackage, InfraOptions.ApiAssembly + ".dll"), "placeholder for template tests");

        var app = NewApp();
        var stacks = SmsOnboardingApp.Compose(app, InfraOptions.FromContext(app.Node));
        Stack = stacks.Service;
        var assembly = app.Synth();
        TemplatePath = assembly.GetStackByName(SmsOnboardingStack.DefaultName).TemplateFullPath;
        Service = TemplateDocument.Load(TemplatePath);
        MemberTemplatePath = assembly.GetStackByName(SmsOnboardingMemberStack.DefaultName).TemplateFullPath;
        Member = TemplateDocument.Load(MemberTemplatePath);
        OrgTemplatePath = assembly.GetStackByName(SmsOnboardingOrgStack.DefaultName).TemplateFullPath;
        Org = TemplateDocument.Load(OrgTemplatePath);

        // W3005 (DependsOn also implied by GetAtt) is how CDK orders a function after its role policy: style, not risk.
        CfnLint = ExternalValidatorTests.RunAsync("cfn-lint", TemplatePath, "--format", "parseable", "--ignore-checks", "W3005");
        MemberCfnLint = ExternalValidatorTests.RunAsync("cfn-lint", MemberTemplatePath, "--format", "parseable");
        OrgCfnLint = ExternalValidatorTests.RunAsync("cfn-lint", OrgTemplatePath, "--format", "parseable");
        ResolvedDefinitionPath = Path.Combine(WorkDirectory, "onboarding.resolved.asl.json");
        File.WriteAllText(ResolvedDefinitionPath, DefinitionSubstitutionTests.Resolved(this));
        AslValidatorPath = Path.Combine(RepositoryRoot, ".tools", "node_modules", ".bin", "asl-validator");
        AslValidator = File.Exists(AslValidatorPath)
            ? ExternalValidatorTests.RunAsync(AslValidatorPath, "--json-path", ResolvedDefinitionPath)
            : Task.FromResult((-1, "not installed"));

        Template = Template.FromStack(Stack);
    }

    public string RepositoryRoot { get; }

    public string WorkDirectory { get; }

    public string StepsPackage { get; }

    public string ApiPackage { get; }

    public SmsOnboardingStack Stack { get; }

    public Template Template { get; }

    /// <summary>The service stack's template.</summary>
    public TemplateDocument Service { get; }

    public JsonObject Json => Service.Json;

    public string TemplatePath { get; }

    public Task<(int Exit, string Output)> CfnLint { get; }

    /// <summary>The member-account template (the target role and the SMS-role boundary), as written to cdk.out.</summary>
    public TemplateDocument Member { get; }

    public string MemberTemplatePath { get; }

    public Task<(int Exit, string Output)> MemberCfnLint { get; }

    /// <summary>The template with the StackSet that deploys the member template across the organisation.</summary>
    public TemplateDocument Org { get; }

    public string OrgTemplatePath { get; }

    public Task<(int Exit, string Output)> OrgCfnLint { get; }

    public string ResolvedDefinitionPath { get; }

    public string AslValidatorPath { get; }

    public Task<(int Exit, string Output)> AslValidator { get; }

    public JsonObject Resources => Service.Resources;

    public App NewApp(IDictionary<string, object>? extraContext = null)
    {
        var context = new Dictionary<string, object>
        {
            [InfraOptions.RepositoryRootContext] = RepositoryRoot,
            [InfraOptions.StepsPackageContext] = StepsPackage,
            [InfraOptions.ApiPackageContext] = ApiPackage,
            [InfraOptions.ReminderEmailContext] = ReminderEmail,
            [InfraOptions.AlarmEmailContext] = AlarmEmail,
        };
        foreach (var (key, value) in extraContext ?? new Dictionary<string, object>())
        {
            context[key] = value;
        }

        return new App(new AppProps { Outdir = Path.Combine(WorkDirectory, "cdk.out-" + Guid.NewGuid().ToString("N")[..8]), Context = context });
    }

    /// <summary>The template the app synthesizes with one more context value (`-c key=value`), synthesized once per value.</summary>
    public JsonObject TemplateWith(string contextKey, string value)
    {
        lock (_variants)
        {
            if (!_variants.TryGetValue((contextKey, value), out var template))
            {
                var app = NewApp(new Dictionary<string, object> { [contextKey] = value });
                _ = new SmsOnboardingStack(app, SmsOnboardingStack.DefaultName, InfraOptions.FromContext(app.Node));
                var path = app.Synth().GetStackByName(SmsOnboardingStack.DefaultName).TemplateFullPath;
                template = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                _variants[(contextKey, value)] = template;
            }
            return template;
        }
    }

    public IEnumerable<(string LogicalId, JsonObject Resource)> OfType(string type) => Service.OfType(type);

    public string StateMachineRoleId() =>
        TemplateJson.Target(OfType("AWS::StepFunctions::StateMachine").Single().Resource["Properties"]!["RoleArn"])!;

    public string FunctionLogicalId(string handler) =>
        OfType("AWS::Lambda::Function").Single(f => f.Resource["Properties"]!["Handler"]!.GetValue<string>() == handler).LogicalId;

    /// <summary>The function the stack deploys for a step: the one whose environment names it.</summary>
    public string StepFunctionLogicalId(string stepName) =>
        OfType("AWS::Lambda::Function").Single(f =>
            f.Resource["Properties"]!["Environment"]?["Variables"]?[StepCatalog.StepVariable]?.GetValue<string>() == stepName).LogicalId;

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
            var scratch = Path.GetDirectoryName(WorkDirectory)!;
            if (!Directory.EnumerateFileSystemEntries(scratch).Any())
            {
                Directory.Delete(scratch);
            }
        }
        catch (IOException)
        {
            // A jsii child may still hold a file; infra/.tmp is gitignored and `make synth` clears it.
        }
    }

    private static string FindRepositoryRoot() =>
        typeof(SynthesizedStack).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
}

[CollectionDefinition(Name)]
public sealed class CdkCollection : ICollectionFixture<SynthesizedStack>
{
    public const string Name = "cdk";
}
