using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.Tests.Lambda;

namespace SmsOnboarding.Steps.Tests.Reminders;

public sealed class ReminderTextsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static HumanTask Task(RegisterHumanTaskInput input) => new(
        "id", input.Kind, input.ExecutionArn, "req-1", input.Slot, input.PhoneNumber is null ? null : "+1******0100", "prompt",
        At, At.AddDays(1), At.AddDays(2), input.Reminder, input.Need, input.CaseText, input.CaseLink, input.CaseId);

    [Theory]
    [InlineData("Reminder\r\nfor\tyou", "Reminder  for you")]
    [InlineData("  padded  ", "padded")]
    public void Subject_is_one_line_without_control_characters(string text, string expected) =>
        Assert.Equal(expected, ReminderTexts.Subject(text));

    [Fact]
    public void Subject_too_long_for_sns_is_cut_below_100_characters_with_an_ellipsis()
    {
        var subject = ReminderTexts.Subject(new string('x', 150));

        Assert.Equal(ReminderTexts.MaxSubjectLength, subject.Length);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Last_reminder_for_filing_a_case_carries_the_case_text_and_says_it_is_the_last()
    {
        var input = LambdaPayloads.Register("t", reminder: 3) with
        {
            Kind = HumanTaskKinds.FileSupportCase,
            Slot = "sandboxExit/file",
            PhoneNumber = null,
            Need = "sandboxExit",
            CaseText = "Limit: Exit SMS Sandbox\nUse case: OTP",
            CaseLink = "https://console.aws.amazon.com/support/home#/case/create",
        };

        var message = ReminderTexts.Compose(Task(input), input, "File the case.");

        Assert.Equal("SMS onboarding of us-east-1_Checkout1, reminder 3 of 3: file an AWS Support case (sandboxExit)", message.Subject);
        Assert.Contains("Case text to paste:\nLimit: Exit SMS Sandbox\nUse case: OTP", message.Body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("This is the last reminder.", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Phone:", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Open the onboarding", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_reminder_names_the_case_and_links_the_onboarding_escaped()
    {
        var input = LambdaPayloads.Register("t", reminder: 1) with
        {
            Kind = HumanTaskKinds.SupportCaseDecision,
            Slot = "sandboxExit/decision",
            PhoneNumber = null,
            Need = "sandboxExit",
            CaseId = "case-123",
        };
        var task = Task(input) with { ExecutionArn = "arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:onb 1/a" };

        var message = ReminderTexts.Compose(task, input, "Record the decision.", new Uri("https://ui.example.com/app/"));

        Assert.Equal("SMS onboarding of us-east-1_Checkout1, reminder 1 of 3: record AWS Support's decision (sandboxExit)", message.Subject);
        Assert.Contains("Case:       case-123", message.Body, StringComparison.Ordinal);
        Assert.Contains("Onboarding: onb 1/a (request req-1)", message.Body, StringComparison.Ordinal);
        Assert.Contains("Open the onboarding: https://ui.example.com/app/#/o/onb%201%2Fa", message.Body, StringComparison.Ordinal);
        Assert.Contains("Next reminder: 2026-11-03 09:00 UTC.", message.Body, StringComparison.Ordinal);
    }
}
