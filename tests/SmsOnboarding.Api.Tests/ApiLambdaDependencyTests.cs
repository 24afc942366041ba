using System.Text.Json.Nodes;

namespace SmsOnboarding.Api.Tests;

/// <summary>
/// The API Lambda is published from the API project (infra/publish-lambdas.sh): its dependency manifest is what
/// the package carries. The local composition (engine, simulated account, serve host) must stay out of it.
/// </summary>
public sealed class ApiLambdaDependencyTests
{
    private static readonly string[] LocalOnly = ["SmsOnboarding.Engine", "SmsOnboarding.Simulator", "SmsOnboarding.Serve", "SmsOnboarding.Local"];

    [Fact]
    public void Api_lambda_dependencies_hold_no_engine_simulator_or_serve_assembly()
    {
        var libraries = ApiDependencyManifest()["libraries"]!.AsObject().Select(p => p.Key.Split('/')[0]).ToList();

        Assert.Contains("SmsOnboarding.Steps", libraries);
        Assert.Empty(libraries.Intersect(LocalOnly, StringComparer.Ordinal));
    }

    [Fact]
    public void Api_assembly_references_no_engine_simulator_or_serve_assembly_transitively()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<System.Reflection.Assembly>([typeof(SmsOnboarding.Api.Lambda.ApiGatewayEntryPoint).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("SmsOnboarding.", StringComparison.Ordinal)))
            {
                if (seen.Add(reference.Name!))
                {
                    pending.Push(System.Reflection.Assembly.Load(reference));
                }
            }
        }

        Assert.Empty(seen.Intersect(LocalOnly, StringComparer.Ordinal));
    }

    /// <summary>The API project's own deps.json: tests/X.Tests/bin/CONFIG/TFM maps to services/SmsOnboarding.Api/bin/CONFIG/TFM.</summary>
    private static JsonNode ApiDependencyManifest()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "services", "SmsOnboarding.Api", "bin", configuration, framework, "SmsOnboarding.Api.deps.json");
        Assert.True(File.Exists(path), $"build the API project first: {path} is missing");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }
}
