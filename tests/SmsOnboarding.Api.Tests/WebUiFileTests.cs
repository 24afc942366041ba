using System.Text.RegularExpressions;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

/// <summary>The UI's ES modules are served from the assembly exactly as written, each with a type a browser runs.</summary>
public sealed partial class WebUiFileTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_file_of_the_ui_is_served_as_written_with_its_content_type()
    {
        using var client = new HttpClient { BaseAddress = _server.Host.BaseUri };
        var types = new Dictionary<string, string> { [".js"] = "text/javascript", [".css"] = "text/css", [".html"] = "text/html" };
        var served = UiFiles.Served().ToList();
        Assert.Contains("views/detail.js", served);
        foreach (var file in served)
        {
            using var response = await client.GetAsync("ui/" + file);
            Assert.True(response.IsSuccessStatusCode, $"/ui/{file} answered {(int)response.StatusCode}");
            Assert.StartsWith(types[Path.GetExtension(file)], response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(UiFiles.WebRoot, file)), await response.Content.ReadAsByteArrayAsync());
        }
        using var manifest = await client.GetAsync("ui/package.json");
        Assert.Equal(404, (int)manifest.StatusCode);
    }

    [Fact]
    public void The_page_loads_the_entry_module_and_every_import_names_a_served_file()
    {
        var served = UiFiles.Served().ToHashSet(StringComparer.Ordinal);
        Assert.Matches("<script type=\"module\" src=\"/ui/app.js\">", File.ReadAllText(Path.Combine(UiFiles.WebRoot, "index.html")));
        foreach (var module in served.Where(f => f.EndsWith(".js", StringComparison.Ordinal)))
        {
            foreach (Match import in Import().Matches(File.ReadAllText(Path.Combine(UiFiles.WebRoot, module))))
            {
                var target = Path.GetRelativePath(UiFiles.WebRoot, Path.GetFullPath(Path.Combine(UiFiles.WebRoot, Path.GetDirectoryName(module)!, import.Groups[1].Value))).Replace('\\', '/');
                Assert.True(served.Contains(target), $"{module} imports {import.Groups[1].Value}, which is not served");
            }
        }
    }

    [GeneratedRegex("""^import .* from '(\.{1,2}/[^']+)';$""", RegexOptions.Multiline)]
    private static partial Regex Import();
}
