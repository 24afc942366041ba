using Constructs;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Infra;

/// <summary>
/// Everything the stack reads from outside: where the repository and the published Lambda packages are, and
/// CDK context overrides (<c>-c key=value</c>). Resolved and checked once, before any construct is built, so a
/// wrong path fails synth with a message that says what to run instead of a jsii stack trace.
/// </summary>
public sealed record InfraOptions(
    string DefinitionPath,
    string StepsPackage,
    string ApiPackage,
    IReadOnlyDictionary<string, string> SettingDefaults,
    string? ReminderEmail,
    string? AlarmEmail,
    string ApiPrincipals,
    string? UiUrl = null)
{
    public const string DefinitionRelativePath = "statemachine/onboarding.asl.json";
    public const string StepsPackageContext = "lambdaPackage";
    public const string ApiPackageContext = "apiPackage";
    public const string RepositoryRootContext = "repositoryRoot";
    public const string ReminderEmailContext = "reminderEmail";
    public const string AlarmEmailContext = "alarmEmail";

    /// <summary>Base URL of the web UI (optional): reminders link to the onboarding's page there.</summary>
    public const string UiUrlContext = "uiUrl";

    /// <summary>JSON array mapping IAM principal ARNs to API users: [{"arn","name","roles":[...]}]. Empty: nobody may call.</summary>
    public const string ApiPrincipalsContext = "apiPrincipals";
    public const string DefaultStepsPackage = "infra/.publish/steps";
    public const string DefaultApiPackage = "infra/.publish/api";

    public const string StepsAssembly = "SmsOnboarding.Steps";
    public const string ApiAssembly = "SmsOnboarding.Api";

    public static InfraOptions FromContext(Node node, string? startDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? Context(string key) => node.TryGetContext(key) is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

        var root = Context(RepositoryRootContext) ?? FindRepositoryRoot(startDirectory ?? Directory.GetCurrentDirectory());
        var definition = Path.Combine(root, DefinitionRelativePath);
        if (!File.Exists(definition))
        {
            throw new InvalidOperationException($"State machine definition not found at '{definition}'.");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, fallback) in StepCatalog.Settings)
        {
            settings[name] = Context(name) ?? fallback;
        }

        return new InfraOptions(
            definition,
            Package(root, Context(StepsPackageContext) ?? DefaultStepsPackage, StepsAssembly, StepsPackageContext, "services/SmsOnboarding.Steps"),
            Package(root, Context(ApiPackageContext) ?? DefaultApiPackage, ApiAssembly, ApiPackageContext, "services/SmsOnboarding.Api"),
            settings,
            Context(ReminderEmailContext),
            Context(AlarmEmailContext),
            Context(ApiPrincipalsContext) ?? "[]",
            CheckedUiUrl(Context(UiUrlContext)));
    }

    private static string? CheckedUiUrl(string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
            ? value
            : throw new InvalidOperationException($"-c {UiUrlContext}={value} is not an absolute http(s) URL (the web UI's address, for links in reminders).");

    private static string Package(string root, string path, string assembly, string contextKey, string project)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!File.Exists(Path.Combine(full, assembly + ".dll")))
        {
            throw new InvalidOperationException(
                $"Lambda package '{full}' has no {assembly}.dll. Run `make synth` (it publishes first), or " +
                $"`dotnet publish {project} -c Release -r linux-arm64 --self-contained false -o {path}`, " +
                $"or pass -c {contextKey}=<published folder>.");
        }

        return full;
    }

    private static string FindRepositoryRoot(string start)
    {
        foreach (var origin in new[] { start, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, DefinitionRelativePath)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No '{DefinitionRelativePath}' above '{start}': run from the repository or pass -c {RepositoryRootContext}=<path>.");
    }
}
