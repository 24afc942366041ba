using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmsOnboarding.Api.Hosting;

/// <summary>Serves the web UI from resources embedded in this assembly (no content folder to deploy).</summary>
public static class EmbeddedUi
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void MapEmbeddedUi(this IEndpointRouteBuilder endpoints)
    {
        var assembly = typeof(EmbeddedUi).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        endpoints.MapGet("/", () => Results.Redirect("/ui/")).ExcludeFromDescription();
        endpoints.MapGet("/ui/{**path}", (string? path) =>
        {
            var name = "wwwroot/" + (string.IsNullOrEmpty(path) ? "index.html" : path);
            if (!files.Contains(name))
            {
                return Results.NotFound();
            }
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            return Results.Stream(assembly.GetManifestResourceStream(name)!, type);
        }).ExcludeFromDescription();
    }
}
