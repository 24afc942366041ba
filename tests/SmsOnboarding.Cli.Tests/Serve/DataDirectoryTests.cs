using SmsOnboarding.Serve;

namespace SmsOnboarding.Cli.Tests.Serve;

/// <summary>A data directory belongs to one serve at a time, and to nobody else on the machine.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "smsonboard-data-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_second_serve_on_the_same_data_directory_exits_2_naming_the_lock()
    {
        using var first = DataDirectoryClaim.Acquire(_data);

        var second = await CliRunner.RunAsync("serve", "--data", _data, "--port", "0").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"--data {_data} is in use by another smsonboard serve", second.Error, StringComparison.Ordinal);
        Assert.Contains(DataDirectoryClaim.LockFileName, second.Error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Data_files_are_0600_in_a_0700_directory_even_ones_an_older_serve_left_readable()
    {
        Directory.CreateDirectory(_data);
        var old = Path.Combine(_data, "left-over.json");
        await File.WriteAllTextAsync(old, "{}");
        File.SetUnixFileMode(old, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (backends, _) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = _data });
        var files = Directory.GetFiles(_data);
        await backends.Shutdown!();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_data));
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("simulator.json", StringComparison.Ordinal));
        Assert.All(Directory.GetFiles(_data).Concat(files).Where(File.Exists), f =>
            Assert.True(File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f} is {File.GetUnixFileMode(f)}"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The test failed before it made the directory.
        }
    }
}
