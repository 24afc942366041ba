using System.Text.Json.Nodes;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.EndToEnd.Tests;

public sealed class ResendTests
{
    [Fact]
    public async Task Asking_for_new_codes_stops_at_five_sends_a_day_and_the_last_code_still_verifies()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request(numbers: ["+12065550101"]));
        var limitedPrompts = 0;

        var run = await h.RunAsync(arn, task =>
        {
            if (task.Kind != HumanTaskKinds.VerificationCode)
            {
                return h.DefaultAnswer(task);
            }
            if (task.Prompt.Contains("no new code can be sent yet", StringComparison.Ordinal))
            {
                limitedPrompts++;
                return h.DefaultAnswer(task);
            }
            return new JsonObject { ["resend"] = true };
        });

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        Assert.Equal(1, limitedPrompts);
        var messages = h.Stack.Simulator.MessagesTo("+12065550101");
        // Five codes (the first and four resends) within the day, then the test SMS after finalize.
        Assert.Equal(6, messages.Count);
        Assert.Equal(5, h.Answers.Count(a => a.Contains("resend", StringComparison.Ordinal)));
    }
}
