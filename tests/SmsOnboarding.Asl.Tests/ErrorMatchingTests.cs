namespace SmsOnboarding.Asl.Tests;

public class ErrorMatchingTests
{
    [Theory]
    [InlineData("States.ALL", "Lambda.ServiceException", true)]
    [InlineData("States.ALL", "States.Timeout", true)]
    [InlineData("States.ALL", "States.TaskFailed", true)]
    [InlineData("States.ALL", "States.DataLimitExceeded", false)]
    [InlineData("States.ALL", "States.Runtime", false)]
    [InlineData("States.Runtime", "States.Runtime", false)]
    [InlineData("States.DataLimitExceeded", "States.DataLimitExceeded", true)]
    [InlineData("States.TaskFailed", "Lambda.Unknown", true)]
    [InlineData("States.TaskFailed", "States.Permissions", true)]
    [InlineData("States.TaskFailed", "States.Timeout", false)]
    [InlineData("States.TaskFailed", "States.HeartbeatTimeout", false)]
    [InlineData("States.Timeout", "States.Timeout", true)]
    [InlineData("States.Timeout", "States.HeartbeatTimeout", true)]
    [InlineData("States.HeartbeatTimeout", "States.HeartbeatTimeout", true)]
    [InlineData("States.HeartbeatTimeout", "States.Timeout", false)]
    [InlineData("MyError", "MyError", true)]
    [InlineData("MyError", "myerror", false)]
    [InlineData("MyError", "OtherError", false)]
    public void Error_equals_matches_as_documented_by_AWS(string errorEquals, string error, bool expected) =>
        Assert.Equal(expected, ErrorNames.Matches([errorEquals], error));

    [Fact]
    public void Any_name_in_the_list_can_match()
    {
        Assert.True(ErrorNames.Matches(["A", "B", "C"], "B"));
        Assert.False(ErrorNames.Matches(["A", "B"], "C"));
        Assert.False(ErrorNames.Matches([], "A"));
    }

    [Fact]
    public void First_matching_handler_wins_in_definition_order()
    {
        var retriers = new[]
        {
            new Retrier(["Custom.Transient"], MaxAttempts: 5),
            new Retrier(["States.TaskFailed"], MaxAttempts: 2),
            new Retrier(["States.ALL"], MaxAttempts: 1),
        };

        Assert.Equal(0, ErrorNames.FirstMatch(retriers, r => r.ErrorEquals, "Custom.Transient"));
        Assert.Equal(1, ErrorNames.FirstMatch(retriers, r => r.ErrorEquals, "Lambda.Unknown"));
        Assert.Equal(2, ErrorNames.FirstMatch(retriers, r => r.ErrorEquals, "States.Timeout"));
        Assert.Equal(-1, ErrorNames.FirstMatch(retriers, r => r.ErrorEquals, "States.Runtime"));
    }
}
