namespace SmsOnboarding.Cli.Commands;

/// <summary>Turns the path of an opt-in screenshot into the data: URL the request carries; URLs pass unchanged.</summary>
internal static class ScreenshotFile
{
    public static string AsDataUrl(string pathOrUrl)
    {
        if (pathOrUrl.StartsWith("s3://", StringComparison.Ordinal) || pathOrUrl.StartsWith("data:", StringComparison.Ordinal) || !File.Exists(pathOrUrl))
        {
            // The API names what is wrong with a value that is neither a file nor a URL.
            return pathOrUrl;
        }

        var mediaType = Path.GetExtension(pathOrUrl).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".pdf" => "application/pdf",
            var other => "application/" + other.TrimStart('.'),
        };
        return $"data:{mediaType};base64,{Convert.ToBase64String(File.ReadAllBytes(pathOrUrl))}";
    }
}
