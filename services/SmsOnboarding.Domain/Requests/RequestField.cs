namespace SmsOnboarding.Domain.Requests;

/// <summary>The JSON shape of a request field.</summary>
public enum FieldKind
{
    Text,
    Number,
    Choice,
    TextList,
    /// <summary>A nested object whose members are <see cref="RequestField.Fields"/>.</summary>
    Section,
}

/// <summary>
/// One field of the onboarding request as people meet it: its JSON name, a label and help for forms, a short
/// name for command-line flags, and the constraints the validator enforces. The JSON Schema, the CLI's flags
/// and the web form are all made from these (see <see cref="RequestFields"/>).
/// </summary>
public sealed record RequestField(string Name, string ShortName, string Label, FieldKind Kind, bool Required, string Help)
{
    /// <summary>Longest text (of each entry, for lists), after trimming.</summary>
    public int MaxLength { get; init; } = 128;

    /// <summary>Prose keeps line breaks and tabs; other text is one line.</summary>
    public bool Multiline { get; init; }

    public int MinItems { get; init; }

    public int MaxItems { get; init; }

    /// <summary>The allowed values of a <see cref="FieldKind.Choice"/>.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>A regular expression the (trimmed) text must match, for forms that check as you type.</summary>
    public string? Pattern { get; init; }

    /// <summary>JSON Schema format name, such as "uri".</summary>
    public string? Format { get; init; }

    /// <summary>What the service uses when the field is absent.</summary>
    public string? Default { get; init; }

    public decimal? ExclusiveMinimum { get; init; }

    public decimal? Maximum { get; init; }

    /// <summary>A number without a fraction.</summary>
    public bool WholeNumber { get; init; }

    /// <summary>The members of a <see cref="FieldKind.Section"/>.</summary>
    public IReadOnlyList<RequestField> Fields { get; init; } = [];

    /// <summary>A valid value, shown as a placeholder.</summary>
    public string? Example { get; init; }
}
