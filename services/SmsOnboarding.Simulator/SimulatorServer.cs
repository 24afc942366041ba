using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using SmsOnboarding.Simulator.Auth;
using SmsOnboarding.Simulator.Iam;
using SmsOnboarding.Simulator.Persistence;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.Services.Cognito;
using SmsOnboarding.Simulator.Services.Iam;
using SmsOnboarding.Simulator.Services.Quotas;
using SmsOnboarding.Simulator.Services.SmsVoice;
using SmsOnboarding.Simulator.Services.Sns;
using SmsOnboarding.Simulator.Services.Sts;
using SmsOnboarding.Simulator.Services.Support;

namespace SmsOnboarding.Simulator;

/// <summary>
/// Answers AWS wire-protocol requests for the simulated account. Requests are routed by the service name in
/// the SigV4 credential scope, after the signature is verified (the fixed local key or an STS session's
/// temporary credentials) and the request's IAM action is allowed for the identity it acts as.
/// </summary>
public sealed class SimulatorServer
{
    public static readonly IReadOnlySet<string> SigningNames =
        new HashSet<string>(StringComparer.Ordinal) { "sns", "cognito-idp", "support", "servicequotas", "sms-voice", "sts", "iam" };

    private readonly Dictionary<string, ISimulatedService> _services;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly SigV4Verifier _verifier;
    private readonly SemaphoreSlim _saving = new(1, 1);
    // Calls answered (under the account's Gate) and calls whose effects are in the state file.
    private long _answered;
    private long _saved;

    public SimulatorServer(SimulatedAccount account, SigV4Verifier? verifier = null)
    {
        Account = account ?? throw new ArgumentNullException(nameof(account));
        _verifier = verifier ?? new SigV4Verifier(account.SigningSecret);
        ISimulatedService[] services =
        [
            new SnsService(), new CognitoService(), new SupportService(), new ServiceQuotasService(),
            new SmsVoiceService(), new StsService(), new IamService(),
        ];
        _services = services.ToDictionary(s => s.SigningName, StringComparer.Ordinal);
    }

    public SimulatedAccount Account { get; }

    public bool Serves(string signingName) => _services.ContainsKey(signingName);

    /// <summary>True when the request is signed for a service this simulator answers (for hosts that share a port).</summary>
    public bool Serves(HttpRequest request) =>
        CredentialScope.TryParse(request?.Headers.Authorization, out var scope) && Serves(scope.Service);

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        request.EnableBuffering();
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        var auth = _verifier.Verify(request, body);

        var service = auth.Scope is { } scope && _services.TryGetValue(scope.Service, out var s) ? s : null;
        var isJson = service is IJsonService || (service is null && IsJsonRequest(request));
        if (!auth.IsValid)
        {
            var (code, status) = auth.Error(isJson);
            await WriteErrorAsync(context, service, isJson, new AwsServiceException(code, auth.Message, status), requestId).ConfigureAwait(false);
            return;
        }
        if (service is null)
        {
            await WriteErrorAsync(context, null, isJson,
                new AwsServiceException(isJson ? "UnknownOperationException" : "InvalidAction",
                    $"The simulated account does not serve '{auth.Scope!.Service}'."), requestId).ConfigureAwait(false);
            return;
        }

        var ctx = new RequestContext(Account, auth.Scope!.Region, Account.Now, requestId);
        long answered = 0;
        try
        {
            object response;
            try
            {
                response = Dispatch(service, request, body, ctx, auth.Scope.AccessKeyId, ref answered);
            }
            finally
            {
                // Before the answer leaves (errors too: a failed call may still have advanced reviews or drawn from the
                // seeded generators), a change the client could see must survive a kill -9.
                await SavedAsync(service, answered).ConfigureAwait(false);
            }
            context.Response.StatusCode = 200;
            if (response is XElement xml)
            {
                context.Response.ContentType = "text/xml";
                await context.Response.WriteAsync(xml.ToString(SaveOptions.DisableFormatting), context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                context.Response.ContentType = $"application/x-amz-json-{((IJsonService)service).JsonVersion}";
                await context.Response.WriteAsync(((JsonObject)response).ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (AwsServiceException e)
        {
            await WriteErrorAsync(context, service, isJson, e, requestId).ConfigureAwait(false);
        }
    }

    private static string Utf8(byte[] body, string invalidInputCode)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new AwsServiceException(invalidInputCode, "The request body is not valid UTF-8.");
        }
    }

    private object Dispatch(ISimulatedService service, HttpRequest request, byte[] body, RequestContext ctx, string accessKeyId, ref long answered)
    {
        string? operation = null;
        JsonObject? input = null;
        QueryRequest? query = null;
        if (service is IJsonService json)
        {
            string? target = request.Headers["X-Amz-Target"];
            var prefix = json.TargetPrefix + ".";
            if (target is null || !target.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new AwsServiceException(service.Errors.UnknownOperationCode, $"Unknown target '{target}'.");
            }
            operation = target[prefix.Length..];
            input = JsonInput.ParseObject(Utf8(body, "SerializationException"));
        }
        else
        {
            query = QueryRequest.Parse(Utf8(body, service.Errors.InvalidInputCode), service.Errors.InvalidInputCode);
            operation = query.Action;
        }

        lock (Account.Gate)
        {
            try
            {
                Account.Advance();
                var (identity, acting) = Account.IdentityOf(accessKeyId, service is IJsonService);
                Authorizer.Demand(acting, identity, service.SigningName,
                    ActionCatalog.For(service.SigningName, operation, input, query, ctx.Region, acting), ctx.Region);
                ctx = ctx with { Account = acting, Caller = identity };
                switch (acting.DrawFault(service.SigningName))
                {
                    case InjectedFault.Throttle:
                        throw new AwsServiceException(service.Errors.ThrottleCode, "Rate exceeded", service.Errors.ThrottleStatus);
                    case InjectedFault.ServerError:
                        throw new AwsServiceException(service.Errors.ServerErrorCode, "An internal error occurred (injected by the simulator scenario).", 500);
                    default:
                        break;
                }
                return service is IJsonService j
                    ? j.Handle(operation, input!, ctx)
                    : ((IQueryService)service).Handle(query!, ctx);
            }
            finally
            {
                answered = ++_answered;
            }
        }
    }

    /// <summary>
    /// Group save: the account's state is one file, and serializing it costs as much as the whole account, so one
    /// save covers every call answered before its snapshot instead of each call saving on its own under the lock.
    /// </summary>
    private async Task SavedAsync(ISimulatedService service, long answered)
    {
        while (Volatile.Read(ref _saved) < answered)
        {
            await _saving.WaitAsync().ConfigureAwait(false);
            try
            {
                if (Volatile.Read(ref _saved) >= answered)
                {
                    return;
                }
                long covered = 0;
                Account.SaveChangesOutsideGate(() => covered = _answered);
                Volatile.Write(ref _saved, covered);
            }
            catch (SimulatorStateException e)
            {
                throw new AwsServiceException(service.Errors.ServerErrorCode, $"The simulated account could not be saved: {e.Message}", 500);
            }
            finally
            {
                _saving.Release();
            }
        }
    }

    private static bool IsJsonRequest(HttpRequest request) =>
        request.Headers.ContainsKey("X-Amz-Target") ||
        (request.ContentType?.StartsWith("application/x-amz-json", StringComparison.OrdinalIgnoreCase) ?? false);

    private static async Task WriteErrorAsync(HttpContext context, ISimulatedService? service, bool json, AwsServiceException error, string requestId)
    {
        context.Response.StatusCode = error.StatusCode;
        if (json)
        {
            var body = new JsonObject { ["__type"] = error.Code, ["message"] = error.Message };
            foreach (var (name, value) in error.Extra ?? [])
            {
                body[name] = value?.DeepClone();
            }
            context.Response.ContentType = service is IJsonService j ? $"application/x-amz-json-{j.JsonVersion}" : "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-ErrorType"] = error.Code;
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var ns = service is IQueryService q ? q.Xml.Namespace : XNamespace.None;
        var errorElement = new XElement(ns + "Error",
            new XElement(ns + "Type", error.IsSenderFault ? "Sender" : "Receiver"),
            new XElement(ns + "Code", error.Code),
            new XElement(ns + "Message", Xml.Printable(error.Message)));
        foreach (var (name, value) in error.Extra ?? [])
        {
            errorElement.Add(new XElement(ns + name, Xml.Printable(value?.ToString() ?? "")));
        }
        var document = new XElement(ns + "ErrorResponse", errorElement, new XElement(ns + "RequestId", requestId));
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(document.ToString(SaveOptions.DisableFormatting), context.RequestAborted).ConfigureAwait(false);
    }
}
