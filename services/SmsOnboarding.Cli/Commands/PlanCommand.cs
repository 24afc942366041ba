using System.CommandLine;
using System.Text.Json;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Regions;

namespace SmsOnboarding.Cli.Commands;

internal static class PlanCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "onboarding request JSON file, or - for standard input" };
        var inSandbox = new Option<bool?>("--in-sandbox") { Description = "the account is (true) or is not (false) in the SMS sandbox; unknown if left out", Arity = ArgumentArity.ZeroOrOne };
        var hasOrigination = new Option<bool?>("--has-origination") { Description = "an origination identity already exists in the SNS Region", Arity = ArgumentArity.ZeroOrOne };
        var spendLimit = new Option<decimal?>("--spend-limit") { Description = "current SNS MonthlySpendLimit in USD" };
        var quota = new Option<decimal?>("--approved-quota") { Description = "spend quota AWS has approved in USD" };
        var format = CommonOptions.Output();
        var command = new Command("plan", "Dry run: the steps the workflow would take for a request, each with its reason")
        {
            file, inSandbox, hasOrigination, spendLimit, quota, format,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var (result, error) = RequestFile.Read(parse.GetValue(file)!, Console.In);
            if (error is not null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {error}");
                return ExitCodes.Failure;
            }

            if (!result!.IsValid)
            {
                output.WriteLine(JsonSerializer.Serialize(new { problems = result.Problems }, CliJson.Indented));
                return ExitCodes.InvalidInput;
            }

            var facts = new ObservedFacts(
                InSandbox: Flag(parse, inSandbox),
                HasOriginationIdentity: Flag(parse, hasOrigination),
                SpendLimitUsd: parse.GetValue(spendLimit),
                ApprovedSpendQuotaUsd: parse.GetValue(quota));
            var plan = OnboardingPlanner.Plan(result.Request!, facts);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(plan, CliJson.Indented));
                return ExitCodes.Ok;
            }

            output.WriteLine($"Plan for {result.Request!.UserPoolId} (SMS through {RegionTable.DisplayName(plan.SnsRegion)}, {plan.SnsRegion}):");
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                output.WriteLine($"{i + 1,2}. {plan.Steps[i].Title} [{plan.Steps[i].Id}]");
                output.WriteLine($"    {plan.Steps[i].Reason}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // A bare flag means true; an absent one means "not observed".
    private static bool? Flag(ParseResult parse, Option<bool?> option) =>
        parse.GetResult(option) is { } found ? (found.Tokens.Count == 0 || parse.GetValue(option) == true) : null;
}
