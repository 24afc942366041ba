using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps;

/// <summary>What the states running a step mean for the people waiting on the onboarding.</summary>
public enum StateRole
{
    Working,
    WaitingOnPeople,
    WaitingOnAws,
    Finalizing,
}

/// <summary>
/// Everything the rest of the system needs to know about one step, kept next to its handler in
/// <c>Steps/&lt;Name&gt;/</c>: the CDK app deploys a function from it, the Lambda entry and the local engine
/// run it through <see cref="StepHost"/>, and the API derives a state's role from it.
/// </summary>
public abstract class StepDescriptor
{
    private protected StepDescriptor(string name, int contractVersion, StateRole role, IReadOnlyList<IamGrant> permissions)
    {
        Name = name;
        ContractVersion = contractVersion;
        Role = role;
        // A step that acts on the pool's account acts in a team's account through the target role there.
        Permissions = permissions.Any(TargetAccounts.TargetRole.ActsOnTargetAccount) ? [.. permissions, TargetAccounts.TargetRole.Assume] : permissions;
    }

    public string Name { get; }

    /// <summary>
    /// The version of <see cref="Input"/> and <see cref="Output"/>. Within a version only additive changes are
    /// allowed, so executions recorded under it still read (decision 0016).
    /// </summary>
    public int ContractVersion { get; }

    public StateRole Role { get; }

    /// <summary>Exactly what the step may do in AWS: the IAM policy of its function's role.</summary>
    public IReadOnlyList<IamGrant> Permissions { get; }

    public abstract JsonTypeInfo Input { get; }

    public abstract JsonTypeInfo Output { get; }

    /// <summary>
    /// What a <c>.waitForTaskToken</c> state running this step receives when the token is answered, if the
    /// step is used that way; the function's own <see cref="Output"/> is then discarded by the engine.
    /// </summary>
    public JsonTypeInfo? CallbackOutput { get; init; }

    /// <summary>The DefinitionSubstitutions key the ASL uses for this step's function.</summary>
    public string FunctionArnPlaceholder => Name + "FunctionArn";

    /// <summary>The function's name, the same in the local engine and in the deployed stack.</summary>
    public string FunctionName => StepCatalog.FunctionName(Name);

    internal abstract Func<string, CancellationToken, Task<string>> Bind(StepServices services);
}

/// <summary>A step whose handler turns <typeparamref name="TInput"/> into <typeparamref name="TOutput"/>.</summary>
public sealed class StepDescriptor<TInput, TOutput> : StepDescriptor
{
    private readonly Func<StepServices, IStepHandler<TInput, TOutput>> _handler;
    private readonly JsonTypeInfo<TInput> _input;
    private readonly JsonTypeInfo<TOutput> _output;

    /// <param name="json">Creates the step's source-generated context for the options it is given (<see cref="Contracts.ContractJson.NewOptions"/>).</param>
    public StepDescriptor(
        string name,
        int contractVersion,
        StateRole role,
        Func<JsonSerializerOptions, JsonSerializerContext> json,
        Func<StepServices, IStepHandler<TInput, TOutput>> handler,
        params IamGrant[] permissions)
        : base(name, contractVersion, role, permissions)
    {
        ArgumentNullException.ThrowIfNull(json);
        var context = json(Contracts.ContractJson.NewOptions());
        _input = (JsonTypeInfo<TInput>)(context.GetTypeInfo(typeof(TInput)) ?? throw MissingType(name, typeof(TInput)));
        _output = (JsonTypeInfo<TOutput>)(context.GetTypeInfo(typeof(TOutput)) ?? throw MissingType(name, typeof(TOutput)));
        _handler = handler;
    }

    public override JsonTypeInfo Input => _input;

    private static InvalidOperationException MissingType(string step, Type type) =>
        new($"{step}'s JSON context has no [JsonSerializable(typeof({type.Name}))].");

    public override JsonTypeInfo Output => _output;

    internal override Func<string, CancellationToken, Task<string>> Bind(StepServices services)
    {
        var handler = _handler(services);
        var grants = services.Permissions ?? Permissions;
        var actsOnTarget = services.TargetAccounts is not null && grants.Any(TargetAccounts.TargetRole.ActsOnTargetAccount);
        return async (json, ct) =>
        {
            TInput? payload;
            try
            {
                payload = JsonSerializer.Deserialize(json, _input);
            }
            catch (JsonException e)
            {
                throw StepException.Failed($"{Name} got a payload it cannot read: {e.Message}", e);
            }

            if (payload is null)
            {
                throw StepException.Failed($"{Name} got an empty payload.");
            }

            var acting = actsOnTarget && payload is TargetAccounts.IOnboardingPayload { Request.AccountId: { } account } onboarding
                ? await InAccountAsync(services, account, onboarding.ExecutionArn, grants, ct).ConfigureAwait(false) ?? handler
                : handler;
            TOutput result;
            try
            {
                result = await acting.HandleAsync(payload, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NullReferenceException or ArgumentException or InvalidOperationException or FormatException or Amazon.Runtime.AmazonClientException)
            {
                // A payload that reads but names nothing usable (a member left out, a Region that is no Region) fails
                // the step by name, which the ASL's Catch handles, instead of an unhandled error of the runtime's.
                // AWS answers, network faults and timeouts never land here: the wire clients turn them into AwsServiceException.
                throw StepException.Failed($"{Name} cannot act on its payload: {e.GetType().Name}: {e.Message}", e);
            }
            return JsonSerializer.Serialize(result, _output);
        };
    }

    /// <summary>The handler acting in <paramref name="account"/> (null: the service's own account, where <paramref name="services"/> act).</summary>
    private async Task<IStepHandler<TInput, TOutput>?> InAccountAsync(StepServices services, string account, string executionArn,
        IReadOnlyList<IamGrant> grants, CancellationToken cancellationToken)
    {
        var onboarding = executionArn[(executionArn.LastIndexOf(':') + 1)..];
        var clients = await Aws.AwsCall.Run($"{Name} acting in account {account} through role {TargetAccounts.TargetRole.Arn(account)} " +
                "(deployed there by the member stack; see the README, \"Deploying the member side\")",
            () => services.TargetAccounts!.InAccountAsync(account, onboarding, grants, cancellationToken)).ConfigureAwait(false);
        return clients is null ? null : _handler(services with
        {
            Aws = clients,
            // The boundary every SMS role must carry is the member stack's policy of the same name in that account.
            SmsRoleBoundaryArn = services.SmsRoleBoundaryArn is { } boundary ? InAccount(boundary, account) : null,
        });
    }

    private static string InAccount(string arn, string account) =>
        arn.Split(':') is [var a, var partition, var service, var region, _, .. var rest] ? string.Join(':', [a, partition, service, region, account, .. rest]) : arn;
}

/// <summary>
/// A least-privilege statement. Resources may use the tokens {partition}, {region} and {account}.
/// <see cref="Conditions"/> maps an IAM condition operator to key/value pairs (values may use the same tokens).
/// </summary>
public sealed record IamGrant(
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Conditions = null);
