using System.Reflection;
using SmsOnboarding.Steps.Finalize;
using SmsOnboarding.Steps.Lambda;
using SmsOnboarding.Steps.RegisterHumanTask;

namespace SmsOnboarding.Steps.Tests.Catalog;

public sealed class StepCatalogTests
{
    [Fact]
    public void The_lambda_entry_runs_the_step_its_environment_names_and_refuses_any_other()
    {
        Assert.Same(StepCatalog.Find(FinalizeStep.Name), StepEntryPoint.StepOf(n => n == StepCatalog.StepVariable ? FinalizeStep.Name : null));

        var unknown = Assert.Throws<InvalidOperationException>(() => StepEntryPoint.StepOf(n => n == StepCatalog.StepVariable ? "Finalise" : null));
        var missing = Assert.Throws<InvalidOperationException>(() => StepEntryPoint.StepOf(_ => null));

        Assert.Contains("'Finalise'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(StepCatalog.StepVariable, missing.Message, StringComparison.Ordinal);
        var method = typeof(StepEntryPoint).GetMethod(StepCatalog.LambdaHandler.Split("::")[2], [typeof(Stream)]);
        Assert.True(method is { IsStatic: false, ReturnType: var type } && type == typeof(Task<Stream>));
        Assert.Equal(typeof(StepEntryPoint).FullName, StepCatalog.LambdaHandler.Split("::")[1]);
    }

    [Fact]
    public void Every_step_folder_holds_a_registered_descriptor_and_every_descriptor_has_a_folder()
    {
        var folders = Directory.GetDirectories(RepoPaths.StepFolders).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var descriptors = typeof(StepCatalog).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(p => p.PropertyType == typeof(StepDescriptor))
            .Select(p => (Type: p.DeclaringType!, Descriptor: (StepDescriptor)p.GetValue(null)!))
            .ToList();

        Assert.Equal(folders.Order(StringComparer.Ordinal), StepCatalog.All.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(descriptors, d => Assert.Contains(d.Descriptor, StepCatalog.All));
        Assert.All(descriptors, d => Assert.Equal("SmsOnboarding.Steps." + d.Descriptor.Name, d.Type.Namespace));
        Assert.Equal(StepCatalog.All.Count, descriptors.Count);
        Assert.Equal(StepCatalog.All.Count, StepCatalog.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Function_references_map_back_to_their_step_in_template_local_and_deployed_form()
    {
        Assert.Equal(FinalizeStep.Name, StepCatalog.ForFunction("${FinalizeFunctionArn}")?.Name);
        Assert.Equal(FinalizeStep.Name, StepCatalog.ForFunction(StepCatalog.LocalFunctionArn(FinalizeStep.Name))?.Name);
        Assert.Equal(FinalizeStep.Name, StepCatalog.ForFunction("arn:aws-cn:lambda:cn-north-1:123456789012:function:sms-onboarding-Finalize:live")?.Name);
        Assert.Equal(FinalizeStep.Name, StepCatalog.ForFunction("sms-onboarding-Finalize")?.Name);
        Assert.Null(StepCatalog.ForFunction("arn:aws:lambda:us-east-1:123456789012:function:someone-else"));
        Assert.Null(StepCatalog.ForFunction("${PollMaxSeconds}"));
    }

    [Fact]
    public void Role_grants_are_confined_to_the_managed_path_and_role_creation_needs_the_boundary()
    {
        var iamGrants = StepCatalog.All.SelectMany(s => s.Permissions).Where(g => g.Actions.Any(a => a.StartsWith("iam:", StringComparison.Ordinal)));
        foreach (var grant in iamGrants)
        {
            // The one grant outside the path reads a role that does not exist yet (judged on role/NAME): GetRole only.
            var outside = grant.Resources.Where(r => r != "arn:{partition}:iam::{account}:role/sms-onboarding/*").ToList();
            if (outside.Count > 0)
            {
                Assert.Equal(["arn:{partition}:iam::{account}:role/sms-*"], outside);
                Assert.Equal(["iam:GetRole"], grant.Actions);
            }
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
        Assert.Equal(RegisterHumanTaskStep.Name, step);
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

        var topic = Assert.Throws<ArgumentException>(() => SmsOnboarding.Steps.Lambda.StepEntryPoint.CreateHost(n => Env(n, "SMS_ONBOARDING_REMINDER_TOPIC_ARN=sms-onboarding-reminders")));
        var ui = Assert.Throws<InvalidOperationException>(() => SmsOnboarding.Steps.Lambda.StepEntryPoint.CreateHost(n => Env(n, "SMS_ONBOARDING_UI_URL=onboard.example.com")));

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
