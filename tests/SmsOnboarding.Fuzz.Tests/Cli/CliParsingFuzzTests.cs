using System.CommandLine;
using System.CommandLine.Help;
using SmsOnboarding.Cli;
using SmsOnboarding.Fuzz.Tests.Infrastructure;

namespace SmsOnboarding.Fuzz.Tests.Cli;

/// <summary>
/// Every command of the real command tree, given arguments that cannot parse (unknown options and commands,
/// missing or ill-typed option values, surplus arguments, control characters), must end with a clear error on
/// stderr and exit code 2, without a stack trace and without running the command.
/// </summary>
public sealed class CliParsingFuzzTests
{
    private const int Runs = 600;

    private static readonly string[] Garbage = ["abc", "", " ", "\u0000", "1e308", "99999999999999999999", "-", "--", "😀", "\u202e", "NaN"];

    [Fact]
    public async Task Malformed_arguments_end_with_a_clear_error_and_exit_code_2()
    {
        const string target = "cli parsing";
        var random = new Random(FuzzSeed.For(target));
        var findings = new Findings(target);
        var commands = Leaves(CliApp.BuildRoot(), []).ToList();
        for (var i = 0; i < Runs; i++)
        {
            var (path, command) = commands[random.Next(commands.Count)];
            var args = Mutate(random, path, command);
            findings.Tried1();
            var output = new StringWriter();
            var error = new StringWriter();
            int exit;
            try
            {
                exit = await CliApp.RunAsync([.. args], new InvocationConfiguration { Output = output, Error = error });
            }
#pragma warning disable CA1031 // an escaping exception is exactly what this test reports
            catch (Exception e)
#pragma warning restore CA1031
            {
                findings.Add(string.Join(' ', args), $"threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            var stderr = error.ToString();
            if (exit != 2 || stderr.Trim().Length == 0 || stderr.Contains("   at ", StringComparison.Ordinal) || stderr.Contains("Exception", StringComparison.Ordinal))
            {
                findings.Add(string.Join(' ', args), $"exit {exit}, stderr: {Findings.Escape(stderr)}");
            }
        }
        findings.AssertNone();
    }

    private static IEnumerable<(List<string> Path, Command Command)> Leaves(Command command, List<string> path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, [.. path, sub.Name]))
            {
                yield return leaf;
            }
        }
    }

    private static List<string> Mutate(Random random, List<string> path, Command command)
    {
        var args = new List<string>(path);
        args.AddRange(command.Arguments.SelectMany(a => Enumerable.Repeat("x", a.Arity.MinimumNumberOfValues)));
        var valued = command.Options.Where(o => o is not HelpOption && o.Arity.MinimumNumberOfValues > 0).ToList();
        // Options whose type rejects text (integers, enums, durations): free-text options accept any value, and
        // floating-point ones accept NaN and 1e308 (whether a command then refuses them is its own business).
        var typed = valued.Where(o => (o.ValueType.IsValueType && !IsFloatingPoint(o.ValueType)) || o.Name == "--endpoint").ToList();
        // An optional or repeatable argument takes any surplus token (even one starting with --) as its value.
        var takesAnyToken = command.Arguments.Any(a => a.Arity.MaximumNumberOfValues > a.Arity.MinimumNumberOfValues);
        switch (random.Next(5))
        {
            case 0 when valued.Count > 0:
                args.Add(Pick(random, valued).Name);
                return args;
            case 1 when typed.Count > 0:
                args.Add(Pick(random, typed).Name);
                args.Add(Pick(random, Garbage));
                return args;
            case 2 when command.Subcommands.Count > 0:
                args.Add("no-such-command-" + random.Next(100));
                return args;
            case 3 when !takesAnyToken:
                args.AddRange(Enumerable.Repeat("surplus", 1 + command.Arguments.Sum(a => Math.Min(a.Arity.MaximumNumberOfValues, 5))));
                return args;
            case 4 when !takesAnyToken:
                args.Insert(random.Next(path.Count, args.Count + 1), "--no-such-option-" + Pick(random, Garbage).Trim());
                return args;
            default:
                args.Insert(path.Count, "--no-such-option");
                args.Add("--no-such-option");
                return args;
        }
    }

    private static bool IsFloatingPoint(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(double) || t == typeof(float) || t == typeof(decimal));

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
