using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Cli.Commands;

/// <summary>Reads a request file ("-" is standard input) and validates it, turning I/O faults into one clear line.</summary>
internal static class RequestFile
{
    public static (ValidationResult? Result, string? Error) Read(string path, TextReader stdin)
    {
        try
        {
            var text = path == "-" ? stdin.ReadToEnd() : File.ReadAllText(path);
            return (OnboardingRequestValidator.Validate(text), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {path}: {ex.Message}");
        }
    }
}
