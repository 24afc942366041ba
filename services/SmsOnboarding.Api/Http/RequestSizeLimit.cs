using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SmsOnboarding.Api.Http;

/// <summary>
/// Endpoint filter holding every API call to <see cref="JsonBody.MaxBytes"/>: a declared length over it is refused
/// before anything runs, and the server's own body limit is lowered to it, so a route that never reads its body
/// does not drain megabytes either (Kestrel's default is 30 MB).
/// </summary>
public sealed class RequestSizeLimit : IEndpointFilter
{
    public static RequestSizeLimit Instance { get; } = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.Request.ContentLength > JsonBody.MaxBytes)
        {
            return JsonBody.TooLarge();
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = JsonBody.MaxBytes;
        }
        return await next(context).ConfigureAwait(false);
    }
}
