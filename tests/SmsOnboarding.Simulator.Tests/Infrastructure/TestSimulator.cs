using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Simulator.Tests.Infrastructure;

/// <summary>A simulator on a loopback port with a fake clock, plus ways to talk to it.</summary>
public sealed class TestSimulator : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private TestSimulator(SimulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Cli = new AwsCli(host.BaseUri);
    }

    public SimulatorHost Host { get; }
    public FakeTimeProvider Time { get; }
    public SimulatedAccount Account => Host.Account;
    public AwsCli Cli { get; }
    public Uri BaseUri => Host.BaseUri;

    public static async Task<TestSimulator> StartAsync(SimulatorScenario? scenario = null)
    {
        var time = new FakeTimeProvider(Start);
        var host = await SimulatorHost.StartAsync(new SimulatedAccount(scenario, time));
        return new TestSimulator(host, time);
    }

    public static Task<TestSimulator> StartAsync(string scenarioJson) => StartAsync(ScenarioLoader.Parse(scenarioJson));

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Config for the SmsOnboarding.Aws clients: this endpoint, the fixed credentials, no retries.</summary>
    public AwsClientConfig ClientConfig(string region = "us-east-1") => new()
    {
        Region = region,
        ServiceUrl = BaseUri,
        Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
        Retry = new RetryOptions { MaxAttempts = 1 },
        EnvironmentVariable = _ => null,
    };

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>One simulator shared by the tests of a class (xUnit class fixture).</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public TestSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await TestSimulator.StartAsync();

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
