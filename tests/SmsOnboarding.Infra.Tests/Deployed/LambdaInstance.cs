using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using SmsOnboarding.Engine.Tasks;
using SmsOnboarding.Steps.Lambda;

namespace SmsOnboarding.Infra.Tests.Deployed;

/// <summary>
/// One warm instance of a step function as the Lambda runtime would run it: the host <see cref="StepEntryPoint"/> builds
/// from the function's environment, invoked with the payload's bytes and answering with bytes, and an unhandled
/// exception reported the way Lambda reports it to Step Functions.
/// </summary>
internal sealed class LambdaInstance
{
    private readonly Steps.StepHost _host;
    private readonly string _step;

    public LambdaInstance(IReadOnlyDictionary<string, string> environment, AWSCredentials roleCredentials, TimeProvider time)
    {
        string? Variable(string name) => environment.GetValueOrDefault(name);
        _step = StepEntryPoint.StepOf(Variable).Name;
        // Embedded-metric-format lines would go to CloudWatch Logs, which is not simulated.
        _host = StepEntryPoint.CreateHost(Variable, roleCredentials, TextWriter.Null, time);
    }

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        using var request = new MemoryStream(Encoding.UTF8.GetBytes(invocation.Payload?.ToJsonString() ?? "null"));
        Stream response;
        try
        {
            response = await StepEntryPoint.Invoke(_host, _step, request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Lambda's errorType is the exception's class name, and Step Functions fails the task with it as the error
            // and Lambda's error object as the cause.
            var error = new JsonObject { ["errorMessage"] = e.Message, ["errorType"] = e.GetType().Name };
            throw new TaskFailedException(e.GetType().Name, error.ToJsonString());
        }

        await using (response.ConfigureAwait(false))
        {
            return await JsonNode.ParseAsync(response, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
