using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>Starts one <c>moto_server</c> on a free loopback port for the collection and stops it afterwards.</summary>
public sealed class MotoServerFixture : IAsyncLifetime
{
    private MotoServerProcess? _process;

    public Uri Url => _process?.BaseUri ?? new("http://127.0.0.1:1/");

    public AwsClientConfig Config(string region = "us-east-1") => new()
    {
        Region = region,
        ServiceUrl = Url,
        Credentials = ClientEntry.TestCredentials,
        EnvironmentVariable = _ => null,
        Retry = new RetryOptions { MaxAttempts = 1 },
    };

    public async Task InitializeAsync()
    {
        if (!MotoServerProcess.IsInstalled)
        {
            return;
        }
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        _process = await MotoServerProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "moto_server";
}
