using System.Text.Json.Nodes;
using Amazon.CDK;

namespace SmsOnboarding.Infra.Members;

/// <summary>
/// The member template as text, for the StackSet's TemplateBody: the member stack synthesized on its own, in a
/// throwaway app, because a stack's template exists only once its app has synthesized. Compact JSON, since
/// TemplateBody allows 51,200 characters; the app also writes the same stack to cdk.out for people and linters.
/// </summary>
public static class MemberTemplate
{
    public const int TemplateBodyMaxLength = 51_200;

    public static string Body()
    {
        var outdir = Directory.CreateTempSubdirectory("sms-onboarding-member-");
        try
        {
            var app = new App(new AppProps { Outdir = outdir.FullName });
            _ = new SmsOnboardingMemberStack(app, SmsOnboardingMemberStack.DefaultName);
            var path = app.Synth().GetStackByName(SmsOnboardingMemberStack.DefaultName).TemplateFullPath;
            var body = JsonNode.Parse(File.ReadAllText(path))!.ToJsonString();
            return body.Length <= TemplateBodyMaxLength
                ? body
                : throw new InvalidOperationException($"The member template has {body.Length} characters; a StackSet's TemplateBody allows {TemplateBodyMaxLength}.");
        }
        finally
        {
            outdir.Delete(recursive: true);
        }
    }
}
