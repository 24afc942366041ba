using SmsOnboarding.Testing;

namespace SmsOnboarding.Infra.Tests.Deployed;

/// <summary>moto_server in server mode for the tables of the deployed-shape tests (each deployment creates its own table).</summary>
public sealed class MotoDynamoDb : IAsyncLifetime
{
    private MotoServerProcess? _process;

    public Uri Endpoint => _process?.BaseUri ?? throw new InvalidOperationException("moto_server is not running.");

    public async Task InitializeAsync()
    {
        if (MotoServerProcess.IsInstalled)
        {
            _process = await MotoServerProcess.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
