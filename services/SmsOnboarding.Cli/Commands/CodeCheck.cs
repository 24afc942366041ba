using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Commands;

/// <summary>
/// The API takes a verification code at once and the workflow checks it with AWS afterwards, so "completed"
/// says nothing about the code. This follows the onboarding until the check shows: a new task for the same
/// phone (the code was wrong), one more verified number, or the onboarding ending.
/// </summary>
internal sealed class CodeCheck(ApiClient api, JsonNode task)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly string _taskId = ApiClient.S(task["id"]);
    private readonly string _onboarding = ApiClient.S(task["onboardingId"]);
    private readonly string _phone = ApiClient.S(task["maskedPhone"]);
    private int _verifiedBefore;

    /// <summary>The task as the caller's inbox lists it, or null when it is not there.</summary>
    public static async Task<JsonNode?> FindTaskAsync(ApiClient api, string taskId, CancellationToken ct) =>
        (await api.GetAsync("api/tasks", ct).ConfigureAwait(false))?.AsArray().FirstOrDefault(t => ApiClient.S(t?["id"]) == taskId);

    public async Task RememberAsync(CancellationToken ct) => _verifiedBefore = VerifiedCount(await DetailAsync(ct).ConfigureAwait(false));

    /// <summary>Exit code and the line to print (on stdout when the code was right, on stderr when not).</summary>
    public async Task<(int ExitCode, string Line)> AwaitAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var again = (await api.GetAsync("api/tasks", ct).ConfigureAwait(false))?.AsArray().FirstOrDefault(t =>
                ApiClient.S(t?["kind"]) == "verificationCode" && ApiClient.S(t?["onboardingId"]) == _onboarding
                && ApiClient.S(t?["maskedPhone"]) == _phone && ApiClient.S(t?["id"]) != _taskId);
            if (again is not null)
            {
                return (ExitCodes.Failure, $"error: the code for {_phone} was wrong; answer task {ApiClient.S(again["id"])} with the code the phone received: {ApiClient.S(again["prompt"])}");
            }
            var detail = await DetailAsync(ct).ConfigureAwait(false);
            if (VerifiedCount(detail) > _verifiedBefore)
            {
                return (ExitCodes.Ok, $"{_taskId} completed: {_phone} is verified");
            }
            var status = ApiClient.S(detail?["status"]);
            if (status is "failed" or "cancelled" or "completed")
            {
                var failure = detail?["failure"] is JsonObject f ? $": {ApiClient.S(f["error"])} {ApiClient.S(f["cause"])}" : "";
                return (status == "completed" ? ExitCodes.Ok : ExitCodes.Failure, $"{(status == "completed" ? "" : "error: ")}onboarding {_onboarding} ended {status}{failure}");
            }
            await Task.Delay(PollInterval, TimeProvider.System, ct).ConfigureAwait(false);
        }
        return (ExitCodes.Ok, $"{_taskId} completed; the workflow has not checked the code yet (see `smsonboard tasks list` and `smsonboard request show {_onboarding}`)");
    }

    private Task<JsonNode?> DetailAsync(CancellationToken ct) => api.GetAsync($"api/onboardings/{Uri.EscapeDataString(_onboarding)}", ct);

    // NumberVerified ends one number's branch of the verification Map, reached only after a right code.
    private static int VerifiedCount(JsonNode? detail) =>
        detail?["timeline"]?.AsArray().Count(t => ApiClient.S(t?["state"]) == "NumberVerified") ?? 0;
}
