using System.Reflection;
using Amazon.Runtime;
using SmsOnboarding.Aws.Runtime;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>Every client with its service model, so tests can drive each operation generically.</summary>
public sealed record ClientEntry(string Folder, string ModelFile, Type ClientType)
{
    public static IReadOnlyList<ClientEntry> All { get; } =
    [
        new("SimpleNotificationService", "sns-2010-03-31.json", typeof(SimpleNotificationService.AmazonSimpleNotificationServiceClient)),
        new("CognitoIdentityProvider", "cognito-idp-2016-04-18.json", typeof(CognitoIdentityProvider.AmazonCognitoIdentityProviderClient)),
        new("AWSSupport", "support-2013-04-15.json", typeof(AWSSupport.AmazonAWSSupportClient)),
        new("ServiceQuotas", "service-quotas-2019-06-24.json", typeof(ServiceQuotas.AmazonServiceQuotasClient)),
        new("PinpointSMSVoiceV2", "pinpoint-sms-voice-v2-2022-03-31.json", typeof(PinpointSMSVoiceV2.AmazonPinpointSMSVoiceV2Client)),
        new("SecurityToken", "sts-2011-06-15.json", typeof(SecurityToken.AmazonSecurityTokenServiceClient)),
        new("IdentityManagement", "iam-2010-05-08.json", typeof(IdentityManagement.AmazonIdentityManagementServiceClient)),
        new("StepFunctions", "stepfunctions-2016-11-23.json", typeof(StepFunctions.AmazonStepFunctionsClient)),
    ];

    public static readonly ImmutableCredentials TestCredentials = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);

    public ServiceModel Model => ServiceModel.Load(ModelFile);

    public IEnumerable<string> Operations =>
        ClientType.GetNestedType("Operations")!.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((AwsOperation)f.GetValue(null)!).Name);

    public Type RequestType(string op) => ClientType.Assembly.GetType($"SmsOnboarding.Aws.{Folder}.Model.{op}Request", throwOnError: true)!;

    public Type ResponseType(string op) => ClientType.Assembly.GetType($"SmsOnboarding.Aws.{Folder}.Model.{op}Response", throwOnError: true)!;

    public IDisposable Create(AwsClientConfig config) => (IDisposable)Activator.CreateInstance(ClientType, config)!;

    public static async Task<object> InvokeAsync(object client, string op, object request, CancellationToken ct = default)
    {
        var method = client.GetType().GetMethod(op + "Async") ?? throw new MissingMethodException(client.GetType().Name, op + "Async");
        var task = (Task)method.Invoke(client, [request, ct])!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    public override string ToString() => Folder;
}
