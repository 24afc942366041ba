using System.Text;
using System.Text.Json;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.Lambda;

/// <summary>Payloads as Step Functions hands them to a Lambda entry point: a JSON stream.</summary>
internal static class LambdaPayloads
{
    public static readonly PoolInfo Pool = new(
        "111122223333", "aws", "us-east-1_Checkout1", "us-east-1",
        "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Checkout1", "checkout", "us-east-1");

    public static RegisterHumanTaskInput Register(string token, int reminder = 0) => new(
        token, SimulatedAws.ExecutionArn, HumanTaskKinds.VerificationCode, "+12065550100", reminder,
        TimeoutSeconds: 3600, MaxReminders: 3, SimulatedAws.Request(), Pool, PhoneNumber: "+12065550100");

    public static Stream Stream(RegisterHumanTaskInput input) =>
        new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input, RegisterHumanTaskStep.Descriptor.Input)));

    public static async Task<string> ReadAsync(Stream output)
    {
        using var reader = new StreamReader(output);
        return await reader.ReadToEndAsync();
    }
}
