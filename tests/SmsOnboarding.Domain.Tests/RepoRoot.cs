using System.Runtime.CompilerServices;

namespace SmsOnboarding.Domain.Tests;

internal static class RepoRoot
{
    // The source path, not the output folder: builds may put binaries outside the repository (--artifacts-path).
    public static string Find([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmsOnboarding.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SmsOnboarding.sln was not found above " + sourceFile);
    }
}
