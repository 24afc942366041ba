using System.Globalization;

namespace SmsOnboarding.Aws.Protocols;

/// <summary>Timestamp formats of the AWS protocols: ISO 8601 (awsQuery) and epoch seconds (awsJson).</summary>
public static class WireTime
{
    public static string ToIso8601(DateTime value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTime ParseIso8601(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static double ToEpochSeconds(DateTime value) =>
        (value.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds / 1000.0;

    public static DateTime FromEpochSeconds(double seconds) =>
        DateTime.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000.0));
}
