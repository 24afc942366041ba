using SmsOnboarding.Engine.Time;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>
/// A deployment is ready only when Lambda can assume every function's role. IAM makes a new role assumable only once
/// the change has propagated ("IAM ... is eventually consistent", IAM User Guide, troubleshooting), and Lambda refuses a
/// function whose role it cannot assume yet ("The role defined for the function cannot be assumed by Lambda"), so the
/// first start of a simulated deployment waits for its new roles, as a CloudFormation deployment does.
/// </summary>
public static class StepRoleReadiness
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMinutes(1);

    // AWS gives no figure for propagation; an hour is far beyond the seconds it usually takes (a guess).
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);

    /// <param name="skipWaits">
    /// With a skipping clock the wait is skipped like any idle wait (nothing else runs before the engine starts);
    /// otherwise it passes in real time, once, when the roles are new.
    /// </param>
    public static Task WaitAsync(SimulatedAccount account, IEnumerable<string> roleArns, SkippingTimeProvider clock, bool skipWaits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return WaitAsync(arn => account.CanAssumeRoleAsService(StepRoles.LambdaPrincipal, arn), roleArns, clock, skipWaits, cancellationToken);
    }

    /// <summary>Waits until <paramref name="assumable"/> holds for every role (STS sees a member's target role, Lambda a function's).</summary>
    public static async Task WaitAsync(Func<string, bool> assumable, IEnumerable<string> roleArns, SkippingTimeProvider clock, bool skipWaits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assumable);
        ArgumentNullException.ThrowIfNull(roleArns);
        ArgumentNullException.ThrowIfNull(clock);
        var deadline = clock.GetUtcNow() + GiveUpAfter;
        var poll = FirstPoll;
        foreach (var roleArn in roleArns)
        {
            while (!assumable(roleArn))
            {
                if (clock.GetUtcNow() >= deadline)
                {
                    throw new InvalidOperationException(
                        $"{roleArn} still cannot be assumed an hour after the deployment created it; check the role's trust policy.");
                }
                var wait = Task.Delay(poll, clock, cancellationToken);
                poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
                if (skipWaits)
                {
                    clock.TrySkipToNextTimer();
                }
                await wait.ConfigureAwait(false);
            }
        }
    }
}
