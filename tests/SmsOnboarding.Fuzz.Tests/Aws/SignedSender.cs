using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using SmsOnboarding.Fuzz.Tests.Infrastructure;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Fuzz.Tests.Aws;

/// <summary>Sends bodies signed by AWSSDK.Core's SigV4 signer, so malformed input gets past authentication to the parsers.</summary>
internal sealed class SignedSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly ServiceModel _model;

    public SignedSender(ServiceModel model, Uri endpoint)
    {
        _model = model;
        var credentials = new BasicAWSCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey);
#pragma warning disable CA2000 // the HttpClient owns and disposes the handler chain
        var signer = new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, model.SigningName, new SocketsHttpHandler());
#pragma warning restore CA2000
        _http = new HttpClient(signer) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<(int Status, string Body)> SendAsync(string operation, MutatedBody body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative));
        var content = new ByteArrayContent(body.Bytes);
        if (_model.IsJson)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{_model.JsonVersion}");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{_model.TargetPrefix}.{operation}");
        }
        else
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        }
        request.Content = content;
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public void Dispose() => _http.Dispose();
}
