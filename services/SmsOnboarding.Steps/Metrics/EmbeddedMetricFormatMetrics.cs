using System.Text;
using System.Text.Json;

namespace SmsOnboarding.Steps.Metrics;

/// <summary>
/// Writes each count as one CloudWatch embedded-metric-format line. Lambda ships stdout to CloudWatch Logs, which
/// extracts the metric, so the functions need no cloudwatch:PutMetricData grant and no extra call per step.
/// No dimensions: the stack's alarm watches the namespace-wide metric.
/// </summary>
public sealed class EmbeddedMetricFormatMetrics(TextWriter output, TimeProvider time, string metricNamespace = StepMetrics.Namespace) : IMetrics
{
    private readonly Lock _gate = new();

    public void Count(string metricName)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricName);
        var line = Line(metricName);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private string Line(string metricName)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", time.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", metricName);
            json.WriteString("Unit", "Count");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteNumber(metricName, 1);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
