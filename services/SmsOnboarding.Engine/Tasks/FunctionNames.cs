namespace SmsOnboarding.Engine.Tasks;

/// <summary>Resolves a handler name from a Lambda ARN (qualifier stripped) or a plain/partial name, as Lambda accepts them.</summary>
public static class FunctionNames
{
    public static string Resolve(string functionNameOrArn)
    {
        ArgumentNullException.ThrowIfNull(functionNameOrArn);
        var parts = functionNameOrArn.Split(':');
        // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
        {
            return parts[6];
        }
        // ACCOUNT:function:NAME (partial ARN) or NAME:QUALIFIER
        if (parts.Length >= 3 && parts[1] == "function")
        {
            return parts[2];
        }
        return parts[0];
    }

    public static bool IsLambdaArn(string resource) =>
        resource.StartsWith("arn:", StringComparison.Ordinal) && resource.Split(':') is { Length: >= 7 } p && p[2] == "lambda" && p[5] == "function";

    public static bool IsActivityArn(string resource) =>
        resource.StartsWith("arn:", StringComparison.Ordinal) && resource.Split(':') is { Length: 7 } p && p[2] == "states" && p[5] == "activity";
}
