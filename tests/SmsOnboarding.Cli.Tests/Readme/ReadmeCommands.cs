using System.Text.RegularExpressions;

namespace SmsOnboarding.Cli.Tests.Readme;

/// <summary>
/// The shell commands a newcomer copies from the README's "Set up and run" section: every line of its fenced
/// <c>sh</c> blocks that runs <c>smsonboard</c>, <c>aws</c> or <c>curl</c>, or exports what they need, with
/// continuation lines joined. <c>make</c> lines are left out: the test suite itself runs under <c>make test</c>.
/// </summary>
internal static partial class ReadmeCommands
{
    private static readonly string[] Programs = ["smsonboard", "aws", "curl"];

    public static IReadOnlyList<string> SetUpAndRun(string readme)
    {
        var start = readme.IndexOf("## Set up and run", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var commands = new List<string>();
        foreach (Match block in ShBlock().Matches(section))
        {
            var lines = block.Groups["body"].Value.Split('\n').Select(l => l.Trim()).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                while (line.EndsWith('\\') && i + 1 < lines.Count)
                {
                    line = line[..^1] + " " + lines[++i];
                }
                line = WithoutComment(line);
                if (Runs(line))
                {
                    commands.Add(line);
                }
            }
        }
        return commands;
    }

    /// <summary>The line up to a shell comment: a '#' that starts a word outside quotes.</summary>
    private static string WithoutComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i].TrimEnd();
            }
        }
        return line;
    }

    private static bool Runs(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && words[0] == "export")
        {
            return true;
        }
        var program = words.SkipWhile(w => Assignment().IsMatch(w)).FirstOrDefault();
        return program is not null && Programs.Contains(program);
    }

    [GeneratedRegex(@"^[ \t]*```sh[ \t]*\n(?<body>.*?)^[ \t]*```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShBlock();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]*=")]
    private static partial Regex Assignment();
}
