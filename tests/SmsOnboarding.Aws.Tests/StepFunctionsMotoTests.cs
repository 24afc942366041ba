using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Aws.Tests.Support;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Aws.Tests;

/// <summary>The Step Functions client against moto_server, so tools work against either engine.</summary>
[Collection(MotoCollection.Name)]
public sealed class StepFunctionsMotoTests(MotoServerFixture moto)
{
    private const string Definition = """{"StartAt":"Wait","States":{"Wait":{"Type":"Pass","End":true}}}""";

    [MotoFact]
    public async Task State_machine_is_created_and_an_execution_started_described_listed_and_stopped()
    {
        using var sfn = new AmazonStepFunctionsClient(moto.Config());
        var name = $"onboarding-{Guid.NewGuid():N}";

        var machine = await sfn.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = name,
            Definition = Definition,
            RoleArn = "arn:aws:iam::123456789012:role/sfn",
        });
        var described = await sfn.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = machine.StateMachineArn });
        var started = await sfn.StartExecutionAsync(new StartExecutionRequest
        {
            StateMachineArn = machine.StateMachineArn,
            Name = "run-1",
            Input = """{"userPoolId":"us-east-1_Abc"}""",
        });
        var execution = await sfn.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = started.ExecutionArn });
        var listed = await sfn.ListExecutionsAllAsync(new ListExecutionsRequest { StateMachineArn = machine.StateMachineArn }).ToListAsync();
        await sfn.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = started.ExecutionArn, Error = "Cancelled", Cause = "test" });
        var stopped = await sfn.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = started.ExecutionArn });

        Assert.Equal(name, described.Name);
        Assert.Equal(Definition, described.Definition);
        Assert.Equal(started.ExecutionArn, execution.ExecutionArn);
        Assert.Equal("""{"userPoolId":"us-east-1_Abc"}""", execution.Input);
        Assert.NotNull(started.StartDate);
        Assert.Contains(listed, e => e.ExecutionArn == started.ExecutionArn);
        Assert.Equal(ExecutionStatus.ABORTED, stopped.Status);
    }

    [MotoFact]
    public async Task Unknown_execution_is_a_typed_error()
    {
        using var sfn = new AmazonStepFunctionsClient(moto.Config());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sfn.DescribeExecutionAsync(new DescribeExecutionRequest
        {
            ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:missing:run",
        }));

        Assert.Equal("ExecutionDoesNotExist", error.ErrorCode);
    }
}
