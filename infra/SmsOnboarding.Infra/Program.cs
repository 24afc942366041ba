using Amazon.CDK;
using SmsOnboarding.Infra;

// CDK_OUTDIR (set by `cdk synth` and by `make synth`) decides where the cloud assembly goes.
var app = new App();
var options = InfraOptions.FromContext(app.Node);
_ = new SmsOnboardingStack(app, SmsOnboardingStack.DefaultName, options, new StackProps
{
    Description = "SmsOnboarding: turns on SMS for Cognito user pools with Step Functions (issue 7)",
});
app.Synth();
