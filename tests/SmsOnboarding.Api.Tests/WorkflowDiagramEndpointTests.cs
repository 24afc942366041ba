using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Api.Workflow;

namespace SmsOnboarding.Api.Tests;

public sealed class WorkflowDiagramEndpointTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_workflow_endpoint_serves_a_diagram_of_every_state_laid_out_from_the_served_definition()
    {
        using var requester = _server.Client(ApiServer.Alice);

        var (status, body) = await ApiServer.SendAsync(requester, HttpMethod.Get, "api/workflow");

        Assert.Equal(200, status);
        var states = body!["states"]!.AsArray().Select(s => (string)s!["name"]!).Order(StringComparer.Ordinal).ToList();
        var diagram = body["diagram"]!.AsObject();
        Assert.Equal(states, diagram["nodes"]!.AsArray().Select(n => (string)n!["name"]!).Order(StringComparer.Ordinal));
        Assert.Null(body["diagramProblem"]);
        Assert.True((int)diagram["width"]! > 0 && (int)diagram["height"]! > 0);
        var askCatch = diagram["edges"]!.AsArray().Single(e => (string)e!["from"]! == "Code.Ask" && (string)e["kind"]! == "catch")!;
        Assert.Equal("Code.RemindOrGiveUp", (string)askCatch["to"]!);
        Assert.True(askCatch["points"]!.AsArray().Count >= 2);
        var ask = diagram["nodes"]!.AsArray().Single(n => (string)n!["name"]! == "Code.Ask")!;
        Assert.Equal(("VerifySandboxNumbers", "Ask"), ((string)ask["parent"]!, (string)ask["label"]!));
        Assert.Contains(diagram["groups"]!.AsArray(), g => (string)g!["owner"]! == "Prepare");
    }

    [Fact]
    public void A_definition_the_parser_rejects_gets_no_diagram_and_says_why()
    {
        var answer = WorkflowDiagrams.For("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""");

        Assert.Null(answer.Diagram);
        Assert.StartsWith("The definition could not be laid out: ", answer.Problem, StringComparison.Ordinal);
        Assert.Contains("Nowhere", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_is_laid_out_once()
    {
        var definition = """{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""";

        Assert.Same(WorkflowDiagrams.For(definition), WorkflowDiagrams.For(definition));
        Assert.Single(WorkflowDiagrams.For(definition).Diagram!.Nodes);
    }
}
