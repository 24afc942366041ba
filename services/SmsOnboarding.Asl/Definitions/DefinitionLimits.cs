namespace SmsOnboarding.Asl;

/// <summary>Limits Step Functions enforces on definitions.</summary>
public static class DefinitionLimits
{
    public const int MaxStateNameLength = 80;
    public const long MaxWaitSeconds = 99_999_999;
    public const long MaxTimeoutSeconds = 99_999_999;
}
