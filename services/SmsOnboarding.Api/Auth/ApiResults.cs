using Microsoft.AspNetCore.Http;

namespace SmsOnboarding.Api.Auth;

/// <summary>Every refusal has the same shape: <c>{"error": code, "message": sentence}</c> (+ problems for 400).</summary>
public sealed record ApiError(string Error, string Message, IReadOnlyList<object>? Problems = null);

public static class ApiResults
{
    public static IResult Error(int status, string code, string message, IReadOnlyList<object>? problems = null) =>
        Results.Json(new ApiError(code, message, problems), ApiJson.Options, statusCode: status);

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, "forbidden", message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "notFound", message);
}
