using System.Text;
using System.Text.Json;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.SendVerificationCode;
using SmsOnboarding.Steps.Tests.Lambda;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.HumanTasks;

public sealed class PhoneNumbersAtRestTests
{
    private const string Number = "+12065550101";

    [Fact]
    public async Task Sending_a_code_and_asking_for_it_leave_only_the_masked_number_in_the_service_stores()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = (PoolInfo)JsonSerializer.Deserialize(await host.InvokeAsync(ResolvePoolStep.Name,
            JsonSerializer.Serialize(new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor.Input)),
            ResolvePoolStep.Descriptor.Output)!;

        await host.InvokeAsync(SendVerificationCodeStep.Name, JsonSerializer.Serialize(
            new SendCodeInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, Number, SimulatedAws.Settings, new CodeSends([]), Resend: false),
            SendVerificationCodeStep.Descriptor.Input));
        foreach (var reminder in new[] { 0, 1 })
        {
            await host.InvokeAsync(RegisterHumanTaskStep.Name, JsonSerializer.Serialize(
                LambdaPayloads.Register("token-" + reminder, reminder) with { Slot = Number, PhoneNumber = Number },
                RegisterHumanTaskStep.Descriptor.Input));
        }

        var pending = Assert.Single(await aws.Inbox.ListPendingAsync(SimulatedAws.ExecutionArn));
        Assert.Equal(Domain.Phones.E164.Mask(Number), pending.MaskedPhoneNumber);
        Assert.DoesNotContain("2065550101", pending.MaskedPhoneNumber, StringComparison.Ordinal);
        Assert.DoesNotContain("2065550101", pending.Slot, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(aws.DataDir))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain("2065550101", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }
}
