using System.CommandLine;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Commands;

/// <summary>
/// One flag per field of the onboarding request, so a request can be written on the command line; given with
/// <c>--file</c>, a flag overrides that field of the file. Validation stays the API's (every problem at once).
/// </summary>
internal sealed class RequestFields
{
    private readonly List<(Option Option, string Field, Func<ParseResult, JsonNode?> Read)> _fields = [];

    public RequestFields()
    {
        Text("--pool", "userPoolId", "Cognito user pool id, e.g. us-east-1_AbC123");
        Text("--account", "accountId", "12-digit AWS account id of the pool (default: the workflow's own account)");
        Text("--sns-region", "snsRegion", "SNS Region for the pool's SMS (default: from the Cognito → SNS Region table)");
        List("--country", "countries", "ISO country the SMS go to (repeat: --country US --country CA, or US,CA)");
        Number("--monthly-spend", "monthlySpendUsd", "expected monthly SMS spend in USD");
        Text("--message-type", "messageType", "OneTimePassword, Transactional or Promotional");
        Text("--use-case", "useCase", "what the SMS are for (AWS reviews this)");
        Text("--website", "websiteUrl", "https URL of the product that sends the SMS");
        Text("--opt-in", "optInProcess", "how users agree to receive SMS");
        List("--sample-message", "sampleMessages", "a message as users will see it (repeat for several)");
        List("--sandbox-number", "sandboxNumbers", "a phone number to verify while in the SMS sandbox (repeat, up to 10)");
        Text("--origination-type", "originationType", "TollFree (default), TenDlc, ShortCode or None for US numbers");
        Text("--requester", "requester", "who asks (default: the token's user)");
        List("--approver", "approvers", "who completes the human steps (repeat)");
        Text("--team", "team", "the requesting team");
        Text("--request-id", "requestId", "idempotency key: submitting the same id again is the same onboarding");
    }

    public IEnumerable<Option> Options => _fields.Select(f => f.Option);

    public bool AnyGiven(ParseResult parse) => _fields.Any(f => f.Read(parse) is not null);

    /// <summary>Writes every given flag over <paramref name="request"/>.</summary>
    public void ApplyTo(JsonObject request, ParseResult parse)
    {
        foreach (var (_, field, read) in _fields)
        {
            if (read(parse) is { } value)
            {
                request[field] = value;
            }
        }
    }

    private void Text(string name, string field, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        _fields.Add((option, field, p => p.GetValue(option) is { } v ? JsonValue.Create(v) : null));
    }

    private void Number(string name, string field, string description)
    {
        var option = new Option<decimal?>(name) { Description = description };
        _fields.Add((option, field, p => p.GetValue(option) is { } v ? JsonValue.Create(v) : null));
    }

    private void List(string name, string field, string description)
    {
        var option = new Option<string[]>(name) { Description = description, AllowMultipleArgumentsPerToken = false };
        _fields.Add((option, field, p => p.GetValue(option) is { Length: > 0 } values
            ? new JsonArray(values.SelectMany(v => Split(name, v)).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())
            : null));
    }

    // Sample messages may contain commas; only countries and numbers are comma lists.
    private static IEnumerable<string> Split(string name, string value) =>
        name is "--country" or "--sandbox-number" or "--approver"
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [value];
}
