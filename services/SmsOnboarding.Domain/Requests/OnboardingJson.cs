using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Domain.Requests;

/// <summary>The request's JSON contract: camelCase members, enums as their names.</summary>
public static class OnboardingJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(OnboardingRequest request, bool indented = false) =>
        JsonSerializer.Serialize(request, indented ? Indented : Options);

    private static readonly JsonSerializerOptions Indented = new(CreateOptions()) { WriteIndented = true };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Requests are read by people in terminals and logs; JSON consumers never see HTML contexts.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
