using System.Runtime.InteropServices;

namespace SmsOnboarding.Serve;

/// <summary>
/// One serve per data directory, and nobody else reading it: the directory is 0700 and its files 0600 (the
/// process umask becomes 077, so SQLite's -wal/-shm files and the atomically rewritten account and clock files
/// are born that way), and <c>serve.lock</c> is held with an exclusive OS lock (flock on Unix, a share-none
/// handle on Windows) that the kernel drops when the process ends, so even kill -9 leaves no stale lock.
/// </summary>
public sealed class DataDirectoryClaim : IDisposable
{
    public const string LockFileName = "serve.lock";

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly FileStream _lock;

    private DataDirectoryClaim(FileStream handle) => _lock = handle;

    /// <exception cref="ServeConfigurationException">Another process holds the directory.</exception>
    public static DataDirectoryClaim Acquire(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var lockPath = Path.Combine(directory, LockFileName);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return new DataDirectoryClaim(Open(directory, lockPath));
        }
        _ = Umask(0b000_111_111);
        Directory.CreateDirectory(directory, DirectoryMode);
        File.SetUnixFileMode(directory, DirectoryMode);
        var claim = new DataDirectoryClaim(Open(directory, lockPath));
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            File.SetUnixFileMode(file, FileMode600);
        }
        return claim;
    }

    public void Dispose() => _lock.Dispose();

    private static FileStream Open(string directory, string lockPath)
    {
        try
        {
            var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            handle.SetLength(0);
            using var writer = new StreamWriter(handle, leaveOpen: true);
            writer.Write($"{Environment.ProcessId}\n");
            return handle;
        }
        catch (IOException e)
        {
            throw new ServeConfigurationException(
                $"--data {directory} is in use by another smsonboard serve (it holds {lockPath}); stop that one or use another --data directory ({e.Message})");
        }
    }

    // umask(2) takes and returns a plain integer: no marshalling, so the classic declaration needs no unsafe code.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
