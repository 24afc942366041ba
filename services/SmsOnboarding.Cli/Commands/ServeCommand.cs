using System.CommandLine;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Serve;

namespace SmsOnboarding.Cli.Commands;

/// <summary><c>serve</c>: engine, simulated account, HTTP API, web UI and AWS-compatible endpoints on one port.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "127.0.0.1 port", DefaultValueFactory = _ => 8080 };
        var data = new Option<string>("--data") { Description = "folder of the SQLite files", DefaultValueFactory = _ => ".smsonboard" };
        var scenario = new Option<string?>("--scenario") { Description = "simulator scenario JSON (default: the demo account)" };
        var aws = new Option<AwsMode>("--aws") { Description = "simulated (default) or real (default credential chain, AWS_ENDPOINT_URL* honoured)", DefaultValueFactory = _ => AwsMode.Simulated };
        var clock = new Option<ClockMode?>("--clock") { Description = "skip (default with the simulator: time jumps over waits) or realtime (default and only choice with --aws real)" };
        var users = new Option<string?>("--users") { Description = "users file [{\"name\",\"token\",\"roles\"}] (default: demo users)" };
        var logFormat = new Option<LogFormat>("--log-format") { Description = "text or json", DefaultValueFactory = _ => LogFormat.Text };
        var command = new Command("serve", "Run everything locally on http://127.0.0.1:PORT until Ctrl-C")
        {
            port, data, scenario, aws, clock, users, logFormat,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(port) is < 0 or > 65535)
            {
                await error.WriteLineAsync("error: --port must be 0..65535");
                return ExitCodes.InvalidInput;
            }
            ServeHost? host = null;
            try
            {
                var dataDir = Path.GetFullPath(parse.GetValue(data)!);
                var (backends, deployment) = await LocalServe.CreateAsync(new LocalServeOptions
                {
                    DataDirectory = dataDir,
                    ScenarioFile = parse.GetValue(scenario),
                    Clock = parse.GetValue(clock),
                    Aws = parse.GetValue(aws),
                }, ct);
                try
                {
                    host = await ServeHost.StartAsync(new ServeOptions
                    {
                        Port = parse.GetValue(port),
                        DataDirectory = dataDir,
                        UsersFile = parse.GetValue(users),
                        LogFormat = parse.GetValue(logFormat),
                    }, backends, ct);
                }
                catch
                {
                    if (backends.Shutdown is not null)
                    {
                        await backends.Shutdown();
                    }
                    throw;
                }
                await output.WriteLineAsync($"smsonboard serving on {host.BaseUri} (web UI {host.BaseUri}ui/, data {dataDir}, steps act on {backends.AwsTarget}, clock {(backends.Simulator is null ? ClockMode.Realtime : parse.GetValue(clock) ?? ClockMode.Skip)})");
                await output.WriteLineAsync($"AWS endpoints: aws --endpoint-url {host.BaseUri.ToString().TrimEnd('/')} stepfunctions list-executions ... (each user's access key acts as that user)");
                var resumed = await deployment.ListAsync("RUNNING", ct);
                await output.WriteLineAsync(resumed.Count == 0
                    ? "resumed no executions"
                    : $"resumed {resumed.Count} execution{(resumed.Count == 1 ? "" : "s")}: {string.Join(", ", resumed.Select(e => e.Name))}");
                if (host.StartedAtStartup > 0)
                {
                    await output.WriteLineAsync($"started {host.StartedAtStartup} onboarding(s) stored without an execution (a submit cut short)");
                }
                foreach (var (name, token, roles, accessKeyId) in host.Users.Entries)
                {
                    var key = accessKeyId is null ? "" : $" AWS_ACCESS_KEY_ID={accessKeyId}";
                    await output.WriteLineAsync($"  {string.Join(",", roles),-10} {name,-10} SMSONBOARD_TOKEN={token}{key}");
                }
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, ct);
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await output.WriteLineAsync("stopping: finishing in-flight work and flushing the engine");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ServeConfigurationException or UsersFileException or IOException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            finally
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }
        });
        return command;
    }
}
