using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

/// <summary>
/// Requests signed by AWSSDK.Core's signer, then changed on the wire the way a sloppy or hostile client would:
/// the simulator refuses each as AWS does (see the README, "Signatures").
/// </summary>
public sealed class SigV4StrictnessTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Signed_request_unchanged_is_accepted()
    {
        var (status, body) = await SendJsonAsync(_ => { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("services", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_left_out_of_the_signed_headers_is_an_incomplete_signature()
    {
        var (status, body) = await SendJsonAsync(r => DropSignedHeader(r, "host"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"__type\":\"IncompleteSignatureException\"", body, StringComparison.Ordinal);
        Assert.Contains("'Host' or ':authority' must be a 'SignedHeader'", Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_target_or_content_type_of_a_json_request_is_an_incomplete_signature()
    {
        var (targetStatus, targetBody) = await SendJsonAsync(r => DropSignedHeader(r, "x-amz-target"));
        Assert.Equal(HttpStatusCode.BadRequest, targetStatus);
        Assert.Contains("'x-amz-target' must be a 'SignedHeader'", Message(targetBody), StringComparison.Ordinal);

        var (typeStatus, typeBody) = await SendJsonAsync(r => DropSignedHeader(r, "content-type"));
        Assert.Equal(HttpStatusCode.BadRequest, typeStatus);
        Assert.Contains("'content-type' must be a 'SignedHeader'", Message(typeBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_date_is_an_incomplete_signature_in_the_query_protocol_too()
    {
        var (status, body) = await SendQueryAsync(r => r.Headers.Remove("X-Amz-Date"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>IncompleteSignature</Code>", body, StringComparison.Ordinal);
        Assert.Contains("'X-Amz-Date' or a 'Date' header", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_payload_is_refused_outside_S3()
    {
        var (status, body) = await SendQueryAsync(r =>
        {
            r.Headers.Remove("X-Amz-Content-SHA256");
            r.Headers.Add("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD");
        });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body, StringComparison.Ordinal);
        Assert.Contains("UNSIGNED-PAYLOAD is accepted only by Amazon S3", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_changed_after_signing_is_a_signature_mismatch()
    {
        var (status, body) = await SendJsonAsync(r => r.Content = Json("{\"serviceCodeList\":[\"other\"]}"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("\"__type\":\"InvalidSignatureException\"", body, StringComparison.Ordinal);
    }

    private Task<(HttpStatusCode, string)> SendJsonAsync(Action<HttpRequestMessage> tamper)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative)) { Content = Json("{}") };
        request.Headers.Add("X-Amz-Target", "AWSSupport_20130415.DescribeServices");
        return SendAsync("support", request, tamper);
    }

    private Task<(HttpStatusCode, string)> SendQueryAsync(Action<HttpRequestMessage> tamper)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative))
        {
            Content = new StringContent("Action=GetSMSSandboxAccountStatus&Version=2010-03-31", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        return SendAsync("sns", request, tamper);
    }

    private async Task<(HttpStatusCode, string)> SendAsync(string service, HttpRequestMessage request, Action<HttpRequestMessage> tamper)
    {
        var credentials = new BasicAWSCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey);
        using var http = new HttpClient(new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, service, new Tamper(tamper)))
        {
            BaseAddress = fixture.Sim.BaseUri,
        };
        using (request)
        {
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Message(string jsonError) => System.Text.Json.Nodes.JsonNode.Parse(jsonError)!["message"]!.GetValue<string>();

    private static StringContent Json(string text)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        return content;
    }

    private static void DropSignedHeader(HttpRequestMessage request, string name)
    {
        var authorization = request.Headers.GetValues("Authorization").Single();
        var signed = authorization.Split("SignedHeaders=")[1].Split(',')[0];
        var remaining = string.Join(';', signed.Split(';').Where(h => h != name));
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", authorization.Replace(signed, remaining, StringComparison.Ordinal));
    }

    /// <summary>Changes the request after the signer, before the wire.</summary>
    private sealed class Tamper(Action<HttpRequestMessage> change) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            change(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
