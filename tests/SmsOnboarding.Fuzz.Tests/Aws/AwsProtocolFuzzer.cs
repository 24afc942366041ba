using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SmsOnboarding.Fuzz.Tests.Infrastructure;

namespace SmsOnboarding.Fuzz.Tests.Aws;

/// <summary>
/// Fuzzes one service's AWS wire protocol: a warm-up call to every modeled operation (which also tells which
/// ones are served and collects ids for later inputs), then signed, mutated inputs for every served operation
/// and a few unserved ones. Every answer must be below 500, and every error must be in the protocol's shape.
/// </summary>
internal sealed class AwsProtocolFuzzer(ServiceModel model, SignedSender sender, Random random, Findings findings)
{
    private const int OversizeBytes = 300 * 1024;
    private static readonly HashSet<string> Unserved = new(StringComparer.Ordinal) { "UnknownOperationException", "InvalidAction" };

    // GetActivityTask long-polls for up to 60 s by design (as in AWS): a well-formed call would only wait.
    private static readonly HashSet<string> LongPolls = new(StringComparer.Ordinal) { "GetActivityTask" };

    private readonly List<string> _corpus = [];

    public async Task RunAsync(int mutationsPerOperation, int unservedOperations)
    {
        var generator = new InputGenerator(model, random, _corpus);
        var served = new List<Operation>();
        var unserved = new List<Operation>();
        foreach (var operation in model.Operations.Where(o => !LongPolls.Contains(o.Name)))
        {
            var (status, body) = await SendAsync(operation, Valid(operation, generator.Input(operation))).ConfigureAwait(false);
            (Unserved.Contains(ErrorCode(body) ?? "") ? unserved : served).Add(operation);
            if (status == 200)
            {
                Harvest(body);
            }
        }
        Assert.True(served.Count > 0, $"{model.SigningName}: no operation is served");
        var jsonMutator = new JsonMutator(random, OversizeBytes);
        var queryMutator = new QueryMutator(random);
        var targets = served.SelectMany(o => Enumerable.Repeat(o, mutationsPerOperation))
            .Concat(unserved.OrderBy(_ => random.Next()).Take(unservedOperations));
        foreach (var operation in targets)
        {
            var input = generator.Input(operation);
            var body = model.IsJson
                ? jsonMutator.Mutate(input)
                : queryMutator.Mutate(QueryMutator.Flatten(operation.Name, model.ApiVersion, input));
            var (status, answer) = await SendAsync(operation, body).ConfigureAwait(false);
            if (status == 200 && random.Next(4) == 0)
            {
                Harvest(answer);
            }
        }
    }

    private MutatedBody Valid(Operation operation, JsonObject input) => model.IsJson
        ? new MutatedBody("none", Encoding.UTF8.GetBytes(input.ToJsonString()))
        : new MutatedBody("none", Encoding.UTF8.GetBytes(string.Join('&', QueryMutator.Flatten(operation.Name, model.ApiVersion, input)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)))));

    private async Task<(int Status, string Body)> SendAsync(Operation operation, MutatedBody body)
    {
        findings.Tried1();
        var label = $"{model.SigningName} {operation.Name} {body}";
        try
        {
            var (status, answer) = await sender.SendAsync(operation.Name, body).ConfigureAwait(false);
            if (status >= 500)
            {
                findings.Add(label, $"HTTP {status}: {Findings.Escape(answer)}");
            }
            else if (status >= 400 && ErrorCode(answer) is null)
            {
                findings.Add(label, $"HTTP {status} without a {model.Protocol} error shape: {Findings.Escape(answer)}");
            }
            return (status, answer);
        }
        catch (HttpRequestException e)
        {
            findings.Add(label, $"the connection failed: {e.Message}");
            return (0, "");
        }
    }

    /// <summary>The error code in the protocol's shape (<c>__type</c>, or <c>ErrorResponse/Error/Code</c>), or null.</summary>
    private string? ErrorCode(string body)
    {
        try
        {
            if (model.IsJson)
            {
                return JsonNode.Parse(body)?["__type"]?.GetValue<string>();
            }
            var root = XElement.Parse(body);
            return root.Name.LocalName == "ErrorResponse"
                ? root.Elements().FirstOrDefault(e => e.Name.LocalName == "Error")?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value
                : null;
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException or InvalidOperationException)
        {
            return null;
        }
    }

    private void Harvest(string body)
    {
        try
        {
            IEnumerable<string> values = model.IsJson
                ? Strings(JsonNode.Parse(body))
                : XElement.Parse(body).Descendants().Where(e => !e.HasElements).Select(e => e.Value);
            _corpus.AddRange(values.Where(v => v.Length is > 3 and < 200).Take(50));
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException)
        {
            // A 200 that is not parseable is the client's concern elsewhere; here it only gives no ids.
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
