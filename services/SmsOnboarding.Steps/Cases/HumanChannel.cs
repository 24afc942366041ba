using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Cases;

/// <summary>The channel that always works: a person files the case in the Support Center with the prepared text.</summary>
public sealed class HumanChannel : ICaseChannel
{
    public string Name => CaseChannels.Human;

    public Task<CaseAttempt> TryOpenAsync(CaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(CaseAttempt.Open(new CaseState(
            request.Input.Need,
            CaseChannels.Human,
            $"Subject: {request.Subject}\n\n{request.Body}",
            CaseTexts.SupportCenterLink,
            request.Now,
            Status: "awaitingFiling",
            NextDelaySeconds: request.Input.Settings.PollInitialSeconds)));
    }

    public Task<CaseState?> TryRecoverAsync(CaseRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken = default) =>
        Task.FromResult<CaseState?>(null);
}
