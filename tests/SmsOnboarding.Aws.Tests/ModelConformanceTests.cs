using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.Tests.Support;

namespace SmsOnboarding.Aws.Tests;

/// <summary>Every operation's request is encoded and every response decoded exactly as the botocore model describes.</summary>
public sealed class ModelConformanceTests
{
    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in ClientEntry.All)
        {
            foreach (var op in entry.Operations)
            {
                data.Add(entry.Folder, op);
            }
        }
        return data;
    }

    private static ClientEntry Entry(string folder) => ClientEntry.All.Single(e => e.Folder == folder);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Request_with_every_member_is_sent_with_model_names_and_valid_values(string folder, string op) =>
        await AssertRequestConforms(Entry(folder), op, requiredOnly: false);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Request_with_only_required_members_is_sent_with_them_all(string folder, string op) =>
        await AssertRequestConforms(Entry(folder), op, requiredOnly: true);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Response_with_every_member_is_decoded_completely(string folder, string op)
    {
        var entry = Entry(folder);
        var model = entry.Model;
        var outputShape = model.OutputShape(op);
        var expected = outputShape is null ? new JsonObject() : Reparse(ModelDocuments.Example(model, outputShape, requiredOnly: false));
        string body;
        string contentType;
        if (model.Protocol == "query")
        {
            XNamespace ns = "https://example.test/doc/";
            var result = outputShape is null ? null : ModelDocuments.ToXml(model, outputShape, model.ResultWrapper(op)!, expected, ns);
            Assert.True(outputShape is null || model.ResultWrapper(op) == op + "Result");
            body = new XElement(ns + (op + "Response"), result,
                new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", "req-1"))).ToString();
            contentType = "text/xml";
        }
        else
        {
            body = expected.ToJsonString();
            contentType = "application/x-amz-json-1.1";
        }
        var handler = new CapturingHandler(_ => CapturingHandler.Ok(body, contentType));
        using var client = entry.Create(Config(handler));
        var request = ObjectDocuments.ToObject(entry.RequestType(op), Reparse(ModelDocuments.Example(model, model.InputShape(op)!, requiredOnly: true)));

        var response = await ClientEntry.InvokeAsync(client, op, request);

        Assert.Equal(ModelDocuments.Canonical(expected), ModelDocuments.Canonical(ObjectDocuments.FromObject(response)));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Dto_members_required_flags_and_enums_match_the_model(string folder, string op)
    {
        var entry = Entry(folder);
        var problems = new List<string>();
        CompareShape(entry.Model, entry.Model.InputShape(op)!, entry.RequestType(op), problems, []);
        if (entry.Model.OutputShape(op) is { } output)
        {
            CompareShape(entry.Model, output, entry.ResponseType(op), problems, []);
        }
        else
        {
            Assert.Empty(ObjectDocuments.WireProperties(entry.ResponseType(op)));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_client_operation_exists_in_its_service_model()
    {
        var unknown = ClientEntry.All.SelectMany(e => e.Operations.Where(op => !e.Model.HasOperation(op)).Select(op => $"{e.Folder}.{op}"));
        Assert.Empty(unknown);
    }

    [Fact]
    public void Cognito_user_pool_and_update_request_carry_every_model_member()
    {
        var cognito = Entry("CognitoIdentityProvider");
        var pool = typeof(CognitoIdentityProvider.Model.UserPoolType);
        Assert.Equal(
            cognito.Model.Members("UserPoolType").Select(m => m.Name).Order(),
            ObjectDocuments.WireProperties(pool).Keys.Order());
        Assert.Equal(
            cognito.Model.Members("UpdateUserPoolRequest").Select(m => m.Name).Order(),
            ObjectDocuments.WireProperties(typeof(CognitoIdentityProvider.Model.UpdateUserPoolRequest)).Keys.Order());
    }

    private static async Task AssertRequestConforms(ClientEntry entry, string op, bool requiredOnly)
    {
        var model = entry.Model;
        var inputShape = model.InputShape(op)!;
        var example = Reparse(ModelDocuments.Example(model, inputShape, requiredOnly));
        var request = ObjectDocuments.ToObject(entry.RequestType(op), example);
        var handler = new CapturingHandler(_ => model.Protocol == "query"
            ? CapturingHandler.Ok($"<{op}Response><{op}Result/></{op}Response>", "text/xml")
            : CapturingHandler.Ok("{}", "application/x-amz-json-1.0"));
        using var client = entry.Create(Config(handler));

        await ClientEntry.InvokeAsync(client, op, request);

        var sent = handler.Requests.Single();
        var problems = new List<string>();
        JsonObject document;
        if (model.Protocol == "query")
        {
            var form = sent.Form();
            Assert.Equal(op, form["Action"]);
            Assert.Equal(model.ApiVersion, form["Version"]);
            Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", sent.Header("Content-Type"));
            document = ModelDocuments.FromQuery(model, inputShape, form, problems);
        }
        else
        {
            Assert.Equal($"{model.TargetPrefix}.{op}", sent.Header("X-Amz-Target"));
            Assert.StartsWith("application/x-amz-json-1.", sent.Header("Content-Type"), StringComparison.Ordinal);
            document = JsonNode.Parse(sent.Body)!.AsObject();
        }
        problems.AddRange(ModelDocuments.Validate(model, inputShape, document));
        Assert.Empty(problems);
        if (request is IAwsIdempotentRequest && requiredOnly)
        {
            // The client fills an omitted idempotency token so that retries cannot duplicate the effect.
            var token = model.Members(inputShape).Single(m => model.Shape(inputShape)["members"]![m.Name]!["idempotencyToken"] is not null).Name;
            Assert.False(string.IsNullOrEmpty((string?)document[token]));
            document.Remove(token);
        }
        Assert.Equal(ModelDocuments.Canonical(example), ModelDocuments.Canonical(document));
    }

    private static void CompareShape(ServiceModel model, string shape, Type type, List<string> problems, HashSet<string> seen)
    {
        if (!seen.Add(shape))
        {
            return;
        }
        var props = ObjectDocuments.WireProperties(type);
        var members = model.Members(shape).ToDictionary(m => m.Name, m => m.Shape);
        problems.AddRange(members.Keys.Except(props.Keys).Select(m => $"{type.Name} lacks {shape}.{m}"));
        problems.AddRange(props.Keys.Except(members.Keys).Select(p => $"{type.Name}.{p} is not in {shape}"));
        var required = model.Required(shape);
        foreach (var (name, memberShape) in members)
        {
            if (!props.TryGetValue(name, out var prop))
            {
                continue;
            }
            if (prop.IsDefined(typeof(AwsRequiredAttribute)) != required.Contains(name))
            {
                problems.Add($"{type.Name}.{prop.Name}: required flag differs from {shape}");
            }
            if (model.Enum(memberShape) is { } values)
            {
                var constants = prop.GetCustomAttribute<AwsEnumAttribute>()?.ValuesType;
                var actual = (IReadOnlyList<string>?)constants?.GetProperty("Values")!.GetValue(null);
                if (actual is null || !actual.SequenceEqual(values))
                {
                    problems.Add($"{type.Name}.{prop.Name}: enum constants differ from {memberShape}");
                }
            }
            var (innerShape, innerType) = Element(model, memberShape, prop.PropertyType);
            if (model.Type(innerShape) == "structure")
            {
                CompareShape(model, innerShape, innerType, problems, seen);
            }
        }
    }

    private static (string Shape, Type Type) Element(ServiceModel model, string shape, Type type) => model.Type(shape) switch
    {
        "list" => Element(model, model.ListMember(shape), type.GetGenericArguments()[0]),
        "map" => Element(model, model.MapValue(shape), type.GetGenericArguments()[1]),
        _ => (shape, type),
    };

    private static JsonNode Reparse(JsonNode node) => JsonNode.Parse(node.ToJsonString())!;

    private static AwsClientConfig Config(HttpMessageHandler handler) => new()
    {
        Region = "us-east-1",
        Credentials = ClientEntry.TestCredentials,
        HttpMessageHandler = handler,
        EnvironmentVariable = _ => null,
    };
}
