using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Accounts;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Serve.Simulation;
using SmsOnboarding.Simulator;
using SmsOnboarding.Steps.AccountWork;

namespace SmsOnboarding.Serve.Hosting;

/// <summary>
/// What the serve host runs the API on: the workflow runtime, the task inbox, and in simulator mode the simulated account.
/// <see cref="StepFunctionsEndpoint"/> answers awsJson Step Functions calls signed for <c>states</c>.
/// <see cref="AwsTarget"/> says, for the startup banner, which AWS account the steps act on; <see cref="ServiceAccountId"/>
/// is that account's id (the account of a request that names none). <see cref="AccountFacts"/> and <see cref="AccountWork"/>
/// feed the ops' Accounts view.
/// </summary>
public sealed record ServeBackends(
    IOnboardingRuntime Runtime,
    ITaskDesk Tasks,
    TimeProvider Time,
    IFactsProbe Facts,
    ISimulatorControl? Simulator = null,
    SimulatorServer? AwsSimulator = null,
    RequestDelegate? StepFunctionsEndpoint = null,
    Func<ValueTask>? Shutdown = null,
    string AwsTarget = "the simulated account",
    string ServiceAccountId = SimulatorCredentials.AccountId,
    IAccountFacts? AccountFacts = null,
    IAccountWorkStore? AccountWork = null);
