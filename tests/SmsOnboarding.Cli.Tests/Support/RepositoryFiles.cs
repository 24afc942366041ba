using System.Runtime.CompilerServices;

namespace SmsOnboarding.Cli.Tests.Support;

/// <summary>Files of this repository that the tests read (the example request, the simulator's scenarios).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = RootFrom();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    // This file sits at tests/SmsOnboarding.Cli.Tests/Support/.
    private static string RootFrom([CallerFilePath] string source = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, "..", "..", ".."));
}
