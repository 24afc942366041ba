using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Commands;

/// <summary><c>accounts</c>: the ops' Accounts view from the terminal (per account and SNS Region).</summary>
internal static class AccountsCommand
{
    public static Command Create()
    {
        var account = new Option<string?>("--account") { Description = "only this 12-digit AWS account" };
        var region = new Option<string?>("--sns-region") { Description = "only this SNS Region (with --account: shown even before any onboarding there)" };
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("accounts", "Per account and SNS Region: sandbox, spend limit against the approved quota, origination identities, open cases and who waits on them (ops)")
        {
            account, region, endpoint, output,
        };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var query = string.Join('&', new[] { ("account", parse.GetValue(account)), ("snsRegion", parse.GetValue(region)) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            var view = await api.GetAsync(query.Length == 0 ? "api/accounts" : "api/accounts?" + query, token);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, view);
                return;
            }
            var rows = view!["accounts"]!.AsArray();
            TextTable.Write(o, ["ACCOUNT", "SNS REGION", "ONBOARDINGS", "SANDBOX", "SPEND LIMIT / QUOTA", "ORIGINATION", "OPEN WORK"],
                rows.Select(r => (IReadOnlyList<string>)[ApiClient.S(r!["accountId"]), ApiClient.S(r["snsRegion"]), Counts(r["onboardings"]),
                    Fact(r["inSandbox"], v => (bool)v! ? "in sandbox" : "production"),
                    Fact(r["spendLimitUsd"], Usd) + " / " + Fact(r["approvedSpendQuotaUsd"], Usd),
                    Fact(r["originationIdentities"], v => string.Join(", ", v!.AsArray().Select(i => $"{ApiClient.S(i!["phoneNumber"])} {ApiClient.S(i["type"])} {ApiClient.S(i["status"])}".Trim())) is { Length: > 0 } list ? list : "none"),
                    OpenWork(r["openWork"])]));
            if (view["openWorkUnknown"] is { } unknown)
            {
                o.WriteLine($"open work unknown: {ApiClient.S(unknown)}");
            }
        }, ct));
        return command;
    }

    /// <summary>A fact, or "unknown: why" when it could not be read in that account.</summary>
    private static string Fact(JsonNode? fact, Func<JsonNode?, string> show) =>
        fact?["value"] is { } value ? show(value) : $"unknown: {ApiClient.S(fact?["unknown"])}";

    private static string Usd(JsonNode? amount) => "$" + ((decimal)amount!).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Counts(JsonNode? counts) =>
        counts is JsonObject o && o.Count > 0 ? string.Join(", ", o.Select(c => $"{c.Key} {ApiClient.S(c.Value)}")) : "none";

    private static string OpenWork(JsonNode? work) =>
        work is JsonArray open && open.Count > 0
            ? string.Join("; ", open.Select(w =>
                $"{ApiClient.S(w!["need"])}{(w["kind"] is { } kind ? " " + ApiClient.S(kind) : "")} by {ApiClient.S(w["owner"])}" +
                (w["waiting"] is JsonArray waiting && waiting.Count > 0 ? $" (waiting: {string.Join(", ", waiting.Select(ApiClient.S))})" : "")))
            : "none";
}
