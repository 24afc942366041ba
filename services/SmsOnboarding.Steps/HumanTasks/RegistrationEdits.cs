using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Steps.HumanTasks;

/// <summary>
/// What a person changes when AWS sends a registration back: members of the registration section and the request's
/// own answers the form uses. The task service checks the shape (it has no request); the step applies the edits over
/// the request and validates the result as a whole, so every rule of the request applies to the edited answers.
/// </summary>
public static class RegistrationEdits
{
    private static readonly string[] RequestAnswers = ["useCase", "optInProcess", "sampleMessages"];

    /// <summary>Room for a data: URL screenshot and the texts around it.</summary>
    public const int MaxLength = RegistrationFields.MaxScreenshotDataUrlLength + 20_000;

    public static string? Shape(JsonObject edits)
    {
        if (edits.Count == 0)
        {
            return "edits: give at least one answer to change (registration members, useCase, optInProcess or sampleMessages)";
        }

        if (edits.Select(e => e.Key).FirstOrDefault(k => k != RegistrationFields.SectionName && !RequestAnswers.Contains(k)) is { } other)
        {
            return $"{other}: not an answer of the registration form; change registration members, useCase, optInProcess or sampleMessages";
        }

        if (edits[RegistrationFields.SectionName] is { } section && section is not JsonObject)
        {
            return "registration: must be an object of the members to change";
        }

        return edits.ToJsonString().Length > MaxLength ? $"edits: longer than {MaxLength} characters" : null;
    }

    /// <summary>The request with <paramref name="edits"/> applied (section members one by one), validated as a whole.</summary>
    public static ValidationResult Apply(OnboardingRequest request, JsonObject? edits)
    {
        var json = JsonNode.Parse(OnboardingJson.Serialize(request))!.AsObject();
        foreach (var (name, value) in edits ?? [])
        {
            if (name == RegistrationFields.SectionName && value is JsonObject members)
            {
                var section = json[name] as JsonObject ?? (JsonObject)(json[name] = new JsonObject());
                foreach (var (member, answer) in members)
                {
                    section[member] = answer?.DeepClone();
                }
            }
            else
            {
                json[name] = value?.DeepClone();
            }
        }

        return OnboardingRequestValidator.Validate(json);
    }

    /// <summary>Later edits win, member by member.</summary>
    public static JsonObject Combine(JsonObject? earlier, JsonObject later)
    {
        var combined = earlier?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in later)
        {
            if (name == RegistrationFields.SectionName && value is JsonObject members && combined[name] is JsonObject kept)
            {
                foreach (var (member, answer) in members)
                {
                    kept[member] = answer?.DeepClone();
                }
            }
            else
            {
                combined[name] = value?.DeepClone();
            }
        }

        return combined;
    }
}
