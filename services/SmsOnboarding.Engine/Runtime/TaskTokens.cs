using System.Security.Cryptography;
using System.Text;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>
/// Task tokens name the execution and run a callback is for, plus a random nonce: a token cannot be guessed from
/// another, and a callback finds its execution without a lookup table that would have to survive restarts.
/// </summary>
internal static class TaskTokens
{
    public static string New(long executionId, int runId)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes($"{executionId}.{runId}.{nonce}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Execution id and run id of a task token, or null when it is not one of ours.</summary>
    public static (long ExecutionId, int RunId)? Parse(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
            return parts.Length == 3 && long.TryParse(parts[0], out var e) && int.TryParse(parts[1], out var r) ? (e, r) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
