using System.CommandLine;
using System.Text.Json;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "onboarding request JSON file, or - for standard input" };
        var command = new Command("validate", "Check an onboarding request; print it normalised (exit 0) or every problem (exit 2)") { file };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var (result, error) = RequestFile.Read(parse.GetValue(file)!, Console.In);
            if (error is not null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {error}");
                return ExitCodes.Failure;
            }

            if (result!.IsValid)
            {
                output.WriteLine(OnboardingJson.Serialize(result.Request!, indented: true));
                return ExitCodes.Ok;
            }

            output.WriteLine(JsonSerializer.Serialize(new { problems = result.Problems }, CliJson.Indented));
            return ExitCodes.InvalidInput;
        });
        return command;
    }
}
