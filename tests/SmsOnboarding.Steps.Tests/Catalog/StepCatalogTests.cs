namespace SmsOnboarding.Steps.Tests.Catalog;

public sealed class StepCatalogTests
{
    [Fact]
    public void Every_step_has_a_matching_entry_point_method()
    {
        var type = typeof(SmsOnboarding.Steps.Lambda.StepEntryPoints);
        foreach (var step in StepCatalog.All)
        {
            Assert.Equal(StepCatalog.HandlerPrefix + step.Name, step.LambdaHandler);
            var method = type.GetMethod(step.Name, [typeof(Stream)]);
            Assert.True(method is not null && method.ReturnType == typeof(Task<Stream>), step.Name);
        }
    }

    [Fact]
    public void Role_grants_are_confined_to_the_managed_path_and_role_creation_needs_the_boundary()
    {
        var iamGrants = StepCatalog.All.SelectMany(s => s.Permissions).Where(g => g.Actions.Any(a => a.StartsWith("iam:", StringComparison.Ordinal)));
        foreach (var grant in iamGrants)
        {
            Assert.All(grant.Resources, r => Assert.Equal("arn:{partition}:iam::{account}:role/sms-onboarding/*", r));
        }

        var create = StepCatalog.All.SelectMany(s => s.Permissions).Single(g => g.Actions.Contains("iam:CreateRole"));
        Assert.Equal(["iam:CreateRole"], create.Actions);
        Assert.Contains("iam:PermissionsBoundary", create.Conditions!["StringEquals"].Keys);
    }

    [Fact]
    public void Only_register_human_task_may_publish_to_the_reminder_topic_and_only_to_it()
    {
        var topicGrants = StepCatalog.All.SelectMany(s => s.Permissions.Select(p => (Step: s.Name, Grant: p)))
            .Where(g => g.Grant.Resources.Any(r => r.StartsWith("arn:{partition}:sns:", StringComparison.Ordinal)))
            .ToList();

        var (step, grant) = Assert.Single(topicGrants);
        Assert.Equal(StepNames.RegisterHumanTask, step);
        Assert.Equal(["sns:Publish"], grant.Actions);
        Assert.Equal(["arn:{partition}:sns:{region}:{account}:sms-onboarding-reminders"], grant.Resources);
    }

    [Fact]
    public void Lambda_host_refuses_a_reminder_topic_or_ui_address_it_cannot_use()
    {
        var dir = Directory.CreateTempSubdirectory("catalog-").FullName;
        string? Env(string name, string value) => name switch
        {
            SmsOnboarding.Steps.Lambda.StepStores.DataDirVariable => dir,
            _ when name == value.Split('=')[0] => value.Split('=', 2)[1],
            _ => null,
        };

        var topic = Assert.Throws<ArgumentException>(() => SmsOnboarding.Steps.Lambda.StepEntryPoints.CreateHost(n => Env(n, "SMS_ONBOARDING_REMINDER_TOPIC_ARN=sms-onboarding-reminders")));
        var ui = Assert.Throws<InvalidOperationException>(() => SmsOnboarding.Steps.Lambda.StepEntryPoints.CreateHost(n => Env(n, "SMS_ONBOARDING_UI_URL=onboard.example.com")));

        Assert.Contains("is not an SNS topic ARN", topic.Message, StringComparison.Ordinal);
        Assert.Contains("must be an absolute http(s) URL", ui.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Local_substitutions_reject_unknown_overrides()
    {
        var ex = Assert.Throws<ArgumentException>(() => StepCatalog.LocalSubstitutions(new Dictionary<string, string> { ["Nope"] = "1" }));
        Assert.Contains("Nope", ex.Message, StringComparison.Ordinal);
        Assert.Equal("1", StepCatalog.LocalSubstitutions(new Dictionary<string, string> { [SettingNames.MaxWrongCodes] = "1" })[SettingNames.MaxWrongCodes]);
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:sms-onboarding-Finalize", StepCatalog.LocalSubstitutions()["FinalizeFunctionArn"]);
    }
}
