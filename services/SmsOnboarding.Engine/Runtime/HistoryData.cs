using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>GetExecutionHistory with includeExecutionData=false: inputs, outputs and parameters are left out.</summary>
internal static class HistoryData
{
    public static void Strip(HistoryEvent e)
    {
        if (e.ExecutionStartedEventDetails is { } started)
        {
            started.Input = null;
        }
        if (e.ExecutionSucceededEventDetails is { } succeeded)
        {
            succeeded.Output = null;
        }
        if (e.StateEnteredEventDetails is { } entered)
        {
            entered.Input = null;
        }
        if (e.StateExitedEventDetails is { } exited)
        {
            exited.Output = null;
        }
        if (e.TaskScheduledEventDetails is { } scheduled)
        {
            scheduled.Parameters = null;
        }
        if (e.TaskSucceededEventDetails is { } taskSucceeded)
        {
            taskSucceeded.Output = null;
        }
        if (e.TaskSubmittedEventDetails is { } submitted)
        {
            submitted.Output = null;
        }
        if (e.LambdaFunctionScheduledEventDetails is { } lambdaScheduled)
        {
            lambdaScheduled.Input = null;
        }
        if (e.LambdaFunctionSucceededEventDetails is { } lambdaSucceeded)
        {
            lambdaSucceeded.Output = null;
        }
        if (e.ActivityScheduledEventDetails is { } activityScheduled)
        {
            activityScheduled.Input = null;
        }
        if (e.ActivitySucceededEventDetails is { } activitySucceeded)
        {
            activitySucceeded.Output = null;
        }
    }
}
