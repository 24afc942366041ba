namespace SmsOnboarding.Simulator.Iam.Policies;

/// <summary>IAM's two wildcards: <c>*</c> (any run of characters, also none) and <c>?</c> (one character).</summary>
public static class Wildcards
{
    public static bool Match(string pattern, string value, bool ignoreCase = false)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, value, v, 1, comparison) == 0) && pattern[p] != '*')
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>
    /// ArnLike/ArnEquals and Resource matching: "Each of the six colon-delimited components of the ARN is checked
    /// separately and each can include multi-character match wildcards (*) or single-character match wildcards (?)"
    /// (IAM JSON policy elements: Condition operators, ARN condition operators). A lone <c>*</c> matches anything.
    /// </summary>
    public static bool MatchArn(string pattern, string arn)
    {
        if (pattern == "*")
        {
            return true;
        }
        var patternParts = pattern.Split(':', 6);
        var arnParts = arn.Split(':', 6);
        if (patternParts.Length != 6 || arnParts.Length != 6)
        {
            return string.Equals(pattern, arn, StringComparison.Ordinal);
        }
        for (var i = 0; i < 6; i++)
        {
            if (!Match(patternParts[i], arnParts[i]))
            {
                return false;
            }
        }
        return true;
    }
}
