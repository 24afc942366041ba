using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Api.Tests;

public sealed class WorkflowMapTests
{
    [Fact]
    public void Every_task_state_plays_the_role_its_step_descriptor_declares()
    {
        var map = WorkflowMap.Parse(LocalDeployment.Definition());
        var tasks = map.States.Where(s => s.Type == "Task").ToList();

        Assert.NotEmpty(tasks);
        Assert.Equal(StateRole.WaitingOnPeople, map.RoleOf("Code.Ask"));
        Assert.Equal(StateRole.WaitingOnAws, map.RoleOf("Sandbox.CheckCase"));
        Assert.Equal(StateRole.Working, map.RoleOf("Sandbox.OpenCase"));
        Assert.Equal(StateRole.Finalizing, map.RoleOf("SendTestMessage"));
        Assert.Equal(StateRole.WaitingOnAws, map.RoleOf("Spend.WaitForReview"));
        Assert.Equal(StateRole.Finalizing, map.RoleOf("Onboarded"));
        Assert.Equal(StateRole.Working, map.RoleOf("KeepPool"));
    }

    [Fact]
    public void A_state_takes_its_role_from_the_function_it_calls_not_from_its_name()
    {
        var deployedFinalize = "arn:aws:lambda:eu-west-1:123456789012:function:" + StepCatalog.Find("Finalize")!.FunctionName;
        var map = WorkflowMap.Parse("""
            {"StartAt":"CheckFirst","States":{
              "CheckFirst":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"${RecordCaseFunctionArn}"},"Next":"Close"},
              "Close":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"DEPLOYED"},"Next":"Done"},
              "Done":{"Type":"Pass","End":true}}}
            """.Replace("DEPLOYED", deployedFinalize, StringComparison.Ordinal));

        Assert.Equal(StateRole.Working, map.RoleOf("CheckFirst"));
        Assert.Equal(StateRole.Finalizing, map.RoleOf("Close"));
        Assert.Equal(StateRole.Finalizing, map.RoleOf("Done"));
    }
}
