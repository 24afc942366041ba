namespace SmsOnboarding.Steps.Handlers;

/// <summary>One workflow step: typed input from the Task's Payload, typed output into the state.</summary>
public interface IStepHandler<in TInput, TOutput>
{
    Task<TOutput> HandleAsync(TInput input, CancellationToken cancellationToken = default);
}
