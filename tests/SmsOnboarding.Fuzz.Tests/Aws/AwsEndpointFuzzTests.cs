using SmsOnboarding.Engine;
using SmsOnboarding.Engine.Http;
using SmsOnboarding.Fuzz.Tests.Infrastructure;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Hosting;

namespace SmsOnboarding.Fuzz.Tests.Aws;

/// <summary>The simulator and the engine's Step Functions endpoint, as served on the AWS-compatible port.</summary>
public sealed class AwsEndpoints : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smsonboard-fuzz-").FullName;
    private StepFunctionsEngine? _engine;
    private EngineServer? _engineServer;

    public SimulatorHost Simulator { get; private set; } = null!;
    public Uri StepFunctions => _engineServer!.BaseUri;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync(new SimulatedAccount());
        _engine = await StepFunctionsEngine.OpenAsync(new EngineOptions { DatabasePath = Path.Combine(_directory, "engine.db") });
        _engineServer = await EngineServer.StartAsync(_engine, 0);
    }

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        if (_engineServer is not null)
        {
            await _engineServer.DisposeAsync();
        }
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed class AwsEndpointFuzzTests(AwsEndpoints endpoints) : IClassFixture<AwsEndpoints>
{
    [Theory]
    [InlineData("sns-2010-03-31.json")]
    [InlineData("cognito-idp-2016-04-18.json")]
    [InlineData("support-2013-04-15.json")]
    [InlineData("service-quotas-2019-06-24.json")]
    [InlineData("pinpoint-sms-voice-v2-2022-03-31.json")]
    [InlineData("iam-2010-05-08.json")]
    [InlineData("sts-2011-06-15.json")]
    [InlineData("stepfunctions-2016-11-23.json")]
    public async Task Signed_malformed_requests_get_the_services_client_errors_never_a_5xx(string modelFile)
    {
        var model = ServiceModel.Load(modelFile);
        var target = "aws " + model.SigningName;
        var findings = new Findings(target);
        var endpoint = model.SigningName == "states" ? endpoints.StepFunctions : endpoints.Simulator.BaseUri;
        using var sender = new SignedSender(model, endpoint);
        await new AwsProtocolFuzzer(model, sender, new Random(FuzzSeed.For(target)), findings)
            .RunAsync(mutationsPerOperation: 40, unservedOperations: 20);
        findings.AssertNone();
    }
}
