using Amazon.CDK;
using SmsOnboarding.Infra;

// CDK_OUTDIR (set by `cdk synth` and by `make synth`) decides where the cloud assembly goes.
var app = new App();
_ = SmsOnboardingApp.Compose(app, InfraOptions.FromContext(app.Node));
app.Synth();
