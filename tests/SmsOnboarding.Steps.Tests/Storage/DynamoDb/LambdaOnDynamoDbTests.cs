using Amazon.Runtime;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Lambda;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Steps.Tests.Lambda;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Steps.Tests.Storage.DynamoDb;

[Collection(MotoCollection.Name)]
public sealed class LambdaOnDynamoDbTests(MotoServer moto)
{
    [MotoFact]
    public async Task Entry_point_with_the_table_variable_registers_the_task_in_that_table()
    {
        using var client = moto.Client();
        var table = await moto.CreateTableAsync(client);
        var env = new Dictionary<string, string>
        {
            [OnboardingTableSchema.TableNameVariable] = table,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = moto.Endpoint.ToString(),
        };
        var host = StepEntryPoint.CreateHost(name => env.GetValueOrDefault(name), new BasicAWSCredentials("testing", "testing"));

        var output = await LambdaPayloads.ReadAsync(
            await StepEntryPoint.Invoke(host, RegisterHumanTaskStep.Name, LambdaPayloads.Stream(LambdaPayloads.Register("token-1"))));

        var task = Assert.Single(await new DynamoDbHumanTaskInbox(client, table).ListPendingAsync());
        Assert.Equal(TaskTokens.Id("token-1"), task.Id);
        Assert.Contains(task.Id, output, StringComparison.Ordinal);
    }
}
