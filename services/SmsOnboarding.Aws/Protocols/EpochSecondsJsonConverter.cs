using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Aws.Protocols;

/// <summary>awsJson timestamps are epoch seconds (botocore JSONSerializer 'unixtimestamp'); ISO strings are accepted on read.</summary>
public sealed class EpochSecondsJsonConverter : JsonConverter<DateTime?>
{
    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => WireTime.FromEpochSeconds(reader.GetDouble()),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
                => WireTime.FromEpochSeconds(s),
            JsonTokenType.String => WireTime.ParseIso8601(reader.GetString()!),
            _ => throw new JsonException($"Expected a timestamp, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } v)
        {
            writer.WriteNullValue();
            return;
        }
        var seconds = WireTime.ToEpochSeconds(v);
        if (seconds == Math.Floor(seconds))
        {
            writer.WriteNumberValue((long)seconds);
        }
        else
        {
            writer.WriteNumberValue(seconds);
        }
    }
}
