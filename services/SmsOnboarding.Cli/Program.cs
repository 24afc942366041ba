using SmsOnboarding.Cli;

return await CliApp.RunAsync(args);
