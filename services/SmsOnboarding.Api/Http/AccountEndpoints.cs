using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmsOnboarding.Api.Accounts;
using SmsOnboarding.Api.Auth;

namespace SmsOnboarding.Api.Http;

internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/accounts", async (AccountsService accounts, string? account, string? snsRegion, CancellationToken ct) =>
            (await accounts.ReadAsync(account, snsRegion, ct).ConfigureAwait(false)).ToResult())
            .RequirePolicy(Policies.Ops).WithTags("Accounts")
            .WithSummary("Per account and SNS Region: onboardings by status, sandbox, spend limit against the approved quota, origination identities, open account-level work and who waits on it (ops); filter by account, snsRegion");
}
