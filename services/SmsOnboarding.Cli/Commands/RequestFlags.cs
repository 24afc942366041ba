using System.CommandLine;
using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Cli.Commands;

/// <summary>
/// One flag per field of the onboarding request, made from the domain's field list (the one the API's schema
/// publishes), so a request can be written on the command line; given with <c>--file</c>, a flag overrides that
/// field of the file. Validation stays the API's (every problem at once).
/// </summary>
internal sealed class RequestFlags
{
    private readonly List<(Option Option, string Field, Func<ParseResult, JsonNode?> Read)> _fields = [];

    public RequestFlags()
    {
        foreach (var field in RequestFields.All)
        {
            if (field.Kind == FieldKind.Section)
            {
                _fields.AddRange(field.Fields.Select(member => Member(field, member)));
            }
            else
            {
                _fields.Add(Flag(field));
            }
        }
    }

    public IEnumerable<Option> Options => _fields.Select(f => f.Option);

    public bool AnyGiven(ParseResult parse) => _fields.Any(f => f.Read(parse) is not null);

    /// <summary>Writes every given flag over <paramref name="request"/>.</summary>
    public void ApplyTo(JsonObject request, ParseResult parse)
    {
        foreach (var (_, field, read) in _fields)
        {
            if (read(parse) is not { } value)
            {
                continue;
            }

            var path = field.Split('.');
            var target = request;
            foreach (var section in path[..^1])
            {
                target = target[section] as JsonObject ?? (JsonObject)(target[section] = new JsonObject());
            }
            target[path[^1]] = value;
        }
    }

    /// <summary>How a problem's field is named on the command line: "monthlySpendUsd (--monthly-spend)".</summary>
    public static string Describe(string problemField)
    {
        var names = problemField.Split('[')[0].Split('.');
        var field = RequestFields.Find(names[0]);
        if (field?.Kind == FieldKind.Section && names.Length > 1)
        {
            field = field.Fields.FirstOrDefault(f => f.Name == names[1]);
        }
        return field is not null ? $"{problemField} (--{field.ShortName})" : problemField;
    }

    public static string FlagOf(RequestField field) => "--" + field.ShortName;

    private static (Option, string, Func<ParseResult, JsonNode?>) Flag(RequestField field)
    {
        var description = Description(field);
        switch (field.Kind)
        {
            case FieldKind.Number:
                var number = new Option<decimal?>(FlagOf(field)) { Description = description };
                return (number, field.Name, p => p.GetValue(number) is { } v ? JsonValue.Create(v) : null);
            case FieldKind.TextList:
                var list = new Option<string[]>(FlagOf(field)) { Description = description, AllowMultipleArgumentsPerToken = false };
                return (list, field.Name, p => p.GetValue(list) is { Length: > 0 } values
                    ? new JsonArray(values.SelectMany(v => Split(field, v)).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())
                    : null);
            default:
                var text = new Option<string?>(FlagOf(field)) { Description = description };
                return (text, field.Name, p => p.GetValue(text) is { } v ? JsonValue.Create(v) : null);
        }
    }

    /// <summary>A member of a section is its own flag; the opt-in screenshot flag takes a file path and sends the file.</summary>
    private static (Option, string, Func<ParseResult, JsonNode?>) Member(RequestField section, RequestField member)
    {
        var (option, _, read) = Flag(member);
        if (member == RegistrationFields.OptInScreenshot)
        {
            return (option, $"{section.Name}.{member.Name}", p => read(p) is { } value ? JsonValue.Create(ScreenshotFile.AsDataUrl(value.GetValue<string>())) : null);
        }
        return (option, $"{section.Name}.{member.Name}", read);
    }

    private static string Description(RequestField field)
    {
        var text = field.Help.TrimEnd('.');
        if (field.Kind == FieldKind.Choice)
        {
            text += ": " + string.Join(", ", field.Choices);
        }
        if (field.Kind == FieldKind.TextList)
        {
            text += field.Multiline ? " (repeat the flag for several)" : " (repeat the flag, or separate with commas)";
        }
        if (field.Example is not null)
        {
            text += $"; e.g. {field.Example}";
        }
        return field.Required ? text + " [required]" : text;
    }

    // Prose (sample messages) may contain commas; short lists (countries, numbers, approvers) are comma lists.
    private static IEnumerable<string> Split(RequestField field, string value) =>
        field.Multiline ? [value] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
