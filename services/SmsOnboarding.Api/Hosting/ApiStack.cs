using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Simulation;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Api.Hosting;

/// <summary>
/// What the API runs on: the workflow runtime, the task inbox, and in simulator mode the simulated account.
/// <see cref="StepFunctionsEndpoint"/> answers awsJson Step Functions calls signed for <c>states</c>.
/// <see cref="AwsTarget"/> says, for the startup banner, which AWS account the steps act on.
/// </summary>
public sealed record ApiStack(
    IOnboardingRuntime Runtime,
    ITaskDesk Tasks,
    TimeProvider Time,
    IFactsProbe Facts,
    ISimulatorControl? Simulator = null,
    SimulatorServer? AwsSimulator = null,
    RequestDelegate? StepFunctionsEndpoint = null,
    Func<ValueTask>? Shutdown = null,
    string AwsTarget = "the simulated account");
