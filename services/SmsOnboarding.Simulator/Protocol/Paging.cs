using System.Globalization;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>Offset-based page tokens (opaque to clients, like AWS's).</summary>
internal static class Paging
{
    public static (IReadOnlyList<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, string? token, int max)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
                start = int.Parse(decoded.AsSpan("offset:".Length), CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw new AwsServiceException("InvalidParameter", "Invalid parameter: NextToken Reason: the token is not valid");
            }
        }
        var page = items.Skip(start).Take(max).ToList();
        var next = start + max < items.Count
            ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("offset:" + (start + max).ToString(CultureInfo.InvariantCulture)))
            : null;
        return (page, next);
    }
}
