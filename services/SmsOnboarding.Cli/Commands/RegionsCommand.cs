using System.CommandLine;
using System.Text.Json;
using SmsOnboarding.Domain.Regions;

namespace SmsOnboarding.Cli.Commands;

internal static class RegionsCommand
{
    public static Command Create()
    {
        var format = CommonOptions.Output();
        var command = new Command("regions", "The Cognito → SNS Region table, and where US origination needs a Support case") { format };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var rows = RegionTable.All.Select(rule => new
                {
                    cognitoRegion = rule.CognitoRegion,
                    name = rule.Name,
                    defaultSnsRegion = rule.DefaultSnsRegion,
                    snsRegions = rule.SnsRegions,
                    usOriginationBySupportCase = RegionTable.RequiresSupportCaseForUsOrigination(rule.DefaultSnsRegion),
                });
                output.WriteLine(JsonSerializer.Serialize(rows, CliJson.Indented));
                return ExitCodes.Ok;
            }

            TextTable.Write(output, ["Cognito Region", "Name", "SNS Region", "Also allowed", "US origination"],
                RegionTable.All.Select(rule => (IReadOnlyList<string>)
                [
                    rule.CognitoRegion,
                    rule.Name,
                    rule.DefaultSnsRegion == rule.CognitoRegion ? rule.DefaultSnsRegion : $"{rule.DefaultSnsRegion} (required)",
                    string.Join(", ", rule.SnsRegions.Skip(1).Select(r => $"{r} (legacy)")),
                    RegionTable.RequiresSupportCaseForUsOrigination(rule.DefaultSnsRegion) ? "Support case" : "request directly",
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }
}
