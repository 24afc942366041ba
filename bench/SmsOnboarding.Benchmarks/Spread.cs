using System.Text.Json.Nodes;

namespace SmsOnboarding.Benchmarks;

/// <summary>The median of repeated rounds, and their spread: one round on a shared machine says little on its own.</summary>
internal static class Spread
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 1);
    }

    public static JsonObject Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        return new JsonObject
        {
            ["min"] = list.Min(),
            ["max"] = list.Max(),
            ["rounds"] = new JsonArray([.. list.Select(v => (JsonNode)v)]),
        };
    }
}
