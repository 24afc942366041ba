using System.Diagnostics;

namespace SmsOnboarding.Infra.Tests;

/// <summary>Independent checkers: AWS's own template linter and the ASL schema validator (installed by .ci/install-tools).</summary>
[Collection(CdkCollection.Name)]
public sealed class ExternalValidatorTests(SynthesizedStack synth)
{
    [Fact]
    public async Task Cfn_lint_passes_on_the_synthesized_template()
    {
        var (exit, output) = await synth.CfnLint;

        Assert.True(exit == 0, $"cfn-lint exit {exit}:\n{output}");
    }

    [Fact]
    public async Task Cfn_lint_passes_on_the_member_template()
    {
        var (exit, output) = await synth.MemberCfnLint;

        Assert.True(exit == 0, $"cfn-lint exit {exit}:\n{output}");
    }

    [Fact]
    public async Task Cfn_lint_passes_on_the_stack_set_template()
    {
        var (exit, output) = await synth.OrgCfnLint;

        Assert.True(exit == 0, $"cfn-lint exit {exit}:\n{output}");
    }

    [Fact]
    public async Task Asl_validator_passes_on_the_definition_with_substitutions_applied()
    {
        Assert.True(File.Exists(synth.AslValidatorPath), $"asl-validator 4.0.0 is not installed at {synth.AslValidatorPath}: run `bash .ci/install-tools`.");
        Assert.Empty(DefinitionSubstitutionTests.PlaceholdersIn(File.ReadAllText(synth.ResolvedDefinitionPath)));

        var (exit, output) = await synth.AslValidator;

        Assert.True(exit == 0, $"asl-validator exit {exit}:\n{output}");
    }

    /// <summary>Started by the fixture right after synth, so the slow linters overlap the in-process assertions.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in 3 minutes.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
