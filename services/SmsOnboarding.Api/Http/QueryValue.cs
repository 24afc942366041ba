using System.Globalization;
using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Auth;

namespace SmsOnboarding.Api.Http;

/// <summary>
/// Reads typed query parameters itself: ASP.NET Core's own binding answers a value that does not parse with an
/// empty 400, where the API's every refusal names what is wrong.
/// </summary>
internal static class QueryValue
{
    public static bool TryInt(HttpContext http, string name, out int? value, out IResult? error)
    {
        value = null;
        error = null;
        string? text = http.Request.Query[name];
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }
        error = Invalid($"{name} must be a whole number; got '{Shorten(text)}'.");
        return false;
    }

    public static bool TryBool(HttpContext http, string name, out bool value, out IResult? error)
    {
        value = false;
        error = null;
        string? text = http.Request.Query[name];
        if (string.IsNullOrEmpty(text) || bool.TryParse(text, out value))
        {
            return true;
        }
        error = Invalid($"{name} must be true or false; got '{Shorten(text)}'.");
        return false;
    }

    private static IResult Invalid(string message) => ApiResults.Error(StatusCodes.Status400BadRequest, "invalidQuery", message);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
