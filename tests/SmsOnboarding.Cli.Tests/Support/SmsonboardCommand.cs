namespace SmsOnboarding.Cli.Tests.Support;

/// <summary>Puts a <c>smsonboard</c> command for the CLI under test into a directory that a test adds to PATH.</summary>
internal static class SmsonboardCommand
{
    public static void Install(string directory)
    {
        var path = Path.Combine(directory, "smsonboard");
        File.WriteAllText(path, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "smsonboard.dll")}' \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the README's commands are sh");
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
