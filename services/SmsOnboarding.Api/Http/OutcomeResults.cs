using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Onboardings;

namespace SmsOnboarding.Api.Http;

internal static class OutcomeResults
{
    public static IResult ToResult<T>(this Outcome<T> outcome) =>
        outcome.Ok
            ? Results.Json(outcome.Value, ApiJson.Options, statusCode: outcome.Status)
            : ApiResults.Error(outcome.Status, outcome.Code!, outcome.Message!, outcome.Problems);
}
