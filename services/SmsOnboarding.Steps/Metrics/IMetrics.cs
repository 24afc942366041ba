namespace SmsOnboarding.Steps.Metrics;

/// <summary>Counts things an operator alarms on; the cloud writes them to CloudWatch, the local product drops them.</summary>
public interface IMetrics
{
    void Count(string metricName);
}

/// <summary>Names the CDK stack's alarms watch; shared so the metric and the alarm can never drift apart.</summary>
public static class StepMetrics
{
    public const string Namespace = "SmsOnboarding";

    /// <summary>One per human task re-registered after its reminder time (the person has not answered yet).</summary>
    public const string HumanTasksPastReminder = "HumanTasksPastReminder";

    /// <summary>One per reminder AWS refused for good (topic gone, permission missing): the task waits, nobody was told.</summary>
    public const string HumanRemindersNotSent = "HumanRemindersNotSent";

    /// <summary>CloudWatch embedded metric format on stdout inside Lambda (AWS_LAMBDA_FUNCTION_NAME set); nothing elsewhere.</summary>
    public static IMetrics FromEnvironment(Func<string, string?> environment, TextWriter lambdaOutput, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrEmpty(environment("AWS_LAMBDA_FUNCTION_NAME"))
            ? NoMetrics.Instance
            : new EmbeddedMetricFormatMetrics(lambdaOutput, time);
    }
}

/// <summary>For the embedded engine: its alarms are the web UI's, not CloudWatch's.</summary>
public sealed class NoMetrics : IMetrics
{
    public static readonly NoMetrics Instance = new();

    private NoMetrics()
    {
    }

    public void Count(string metricName)
    {
    }
}
