using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Benchmarks;
using SmsOnboarding.Engine;

// `make bench`: durable engine figures on this machine, printed as a table and written to bench/results/engine.json.
// Comparisons not measured by this run are written as null (see the report).
// `--throughput [1,100,1000] [--repeat N]` runs only the durable throughput loop and prints it (nothing written):
// for before/after comparisons of engine changes without the minutes the other parts take.
// `--api FILE` (make bench's second run): the API under load, written to FILE (see ApiLoadBenchmark).
if (args is ["--api", var apiOutput, ..])
{
    var apiRepeat = Array.IndexOf(args, "--repeat") is var r and >= 0 ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 3;
    return await ApiLoadBenchmark.RunAsync(apiOutput, apiRepeat);
}
var throughputOnly = Array.IndexOf(args, "--throughput");
var output = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : Path.Combine("bench", "results", "engine.json");
var root = Path.Combine(Path.GetTempPath(), "engine-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);

// Options (for comparing engine changes; `make bench` passes none):
//   --throughput [1,100,1000]  only the durable throughput loop, printed per round with CPU time (nothing written)
//   --repeat N                 rounds of every repeated figure (default 3): the file gets the median and the spread
//   --serial-starts            start executions one after another (each waits for its own commit), as before 2026-11-29
//   --no-warmup                measure the first (JIT-compiling) round too, as before 2026-11-29
var serialStarts = args.Contains("--serial-starts");
var warmup = !args.Contains("--no-warmup");
var concurrencies = new[] { 1, 100, 1000 };
var repeatAt = Array.IndexOf(args, "--repeat");
var repeat = repeatAt >= 0 ? int.Parse(args[repeatAt + 1], CultureInfo.InvariantCulture) : 3;
if (throughputOnly >= 0 && throughputOnly + 1 < args.Length && !args[throughputOnly + 1].StartsWith("--", StringComparison.Ordinal))
{
    concurrencies = [.. args[throughputOnly + 1].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
}
if (warmup)
{
    // A long-running engine runs JIT-optimised code; one short untimed pass keeps the JIT out of the figures.
    foreach (var concurrency in new[] { 1, 100 })
    {
        await EngineLoopBenchmark.RunAsync(Path.Combine(root, $"warmup{concurrency}.db"), concurrency, !serialStarts);
    }
}
var rounds = concurrencies.ToDictionary(c => c, _ => new List<(double PerSecond, double CpuMicros, double AllocatedKb)>());
for (var round = 0; round < repeat; round++)
{
    foreach (var concurrency in concurrencies)
    {
        (double PerSecond, double CpuMicros, double AllocatedKb) measured = await EngineLoopBenchmark.RunAsync(Path.Combine(root, $"t{concurrency}-{round}.db"), concurrency, !serialStarts);
        rounds[concurrency].Add(measured);
        Console.WriteLine($"round {round + 1}: {concurrency} concurrent: {measured.PerSecond} transitions/s, {measured.CpuMicros} us CPU and {measured.AllocatedKb} KiB allocated per transition");
    }
}
var throughput = new JsonObject();
var cpuPerTransition = new JsonObject();
var allocatedPerTransition = new JsonObject();
var spread = new JsonObject();
foreach (var (concurrency, measured) in rounds)
{
    var key = concurrency.ToString(CultureInfo.InvariantCulture);
    throughput[key] = Spread.Median(measured.Select(m => m.PerSecond));
    cpuPerTransition[key] = Spread.Median(measured.Select(m => m.CpuMicros));
    allocatedPerTransition[key] = Spread.Median(measured.Select(m => m.AllocatedKb));
    spread["transitionsPerSecond" + key] = Spread.Of(measured.Select(m => m.PerSecond));
    spread["cpuMicrosPerTransition" + key] = Spread.Of(measured.Select(m => m.CpuMicros));
}
if (throughputOnly >= 0)
{
    Directory.Delete(root, recursive: true);
    return 0;
}

// The same loop on moto (Task state as a Pass: moto has no Lambda runtime) and on WorkflowCore, side by side.
const int MotoConcurrency = 10;
const int MotoIterations = 50;
var motoRuns = new List<double>();
for (var round = 0; round < repeat; round++)
{
    if (await MotoLoopBenchmark.RunAsync(MotoConcurrency, MotoIterations) is { } perSecond)
    {
        motoRuns.Add(perSecond);
    }
}
double? motoPerSecond = motoRuns.Count > 0 ? Spread.Median(motoRuns) : null;
const int WorkflowCoreConcurrency = 1000;
const int WorkflowCoreIterations = 6;
var workflowCoreRuns = new List<double>();
var workflowCoreFinished = WorkflowCoreConcurrency;
for (var round = 0; round < repeat; round++)
{
    var (perSecond, finished) = await WorkflowCoreLoopBenchmark.RunAsync(WorkflowCoreConcurrency, WorkflowCoreIterations, TimeSpan.FromSeconds(20), !serialStarts);
    workflowCoreRuns.Add(perSecond);
    workflowCoreFinished = Math.Min(workflowCoreFinished, finished);
}
var workflowCorePerSecond = Spread.Median(workflowCoreRuns);
spread["motoTransitionsPerSecond"] = motoRuns.Count > 0 ? Spread.Of(motoRuns) : null;
spread["workflowCoreTransitionsPerSecond"] = Spread.Of(workflowCoreRuns);
var engineAt1000 = (double)throughput["1000"]!;

const int Waiting = 10_000;
var waitingDb = Path.Combine(root, "waiting.db");
double rssMb;
await using (var engine = await Open(waitingDb))
{
    var machine = (await engine.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "wait", Definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}}""", RoleArn = "arn:aws:iam::111122223333:role/bench" })).StateMachineArn;
    var starts = Enumerable.Range(0, Waiting).Select(_ => engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine })).ToList();
    await Task.WhenAll(starts);
    await engine.WaitForQuiescenceAsync();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    rssMb = Math.Round(self.PeakWorkingSet64 / 1024.0 / 1024.0, 1);
}
// Reopening resumes every waiting execution again (nothing closes them), so the resume can be measured repeatedly.
var resumeRuns = new List<double>();
for (var round = 0; round < repeat; round++)
{
    var resume = Stopwatch.StartNew();
    await using var engine = await Open(waitingDb);
    await engine.WaitForQuiescenceAsync();
    resume.Stop();
    if (engine.ActiveExecutions == Waiting)
    {
        resumeRuns.Add(Math.Round(resume.Elapsed.TotalSeconds, 2));
    }
}
double? resumeSeconds = resumeRuns.Count == repeat ? Spread.Median(resumeRuns) : null;
spread["resume10kSeconds"] = resumeRuns.Count == repeat ? Spread.Of(resumeRuns) : null;

double historyMs;
double historyWorstMs;
double historyColdMs;
await using (var engine = await Open(Path.Combine(root, "history.db")))
{
    var machine = (await engine.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "long", Definition = """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}""", RoleArn = "arn:aws:iam::111122223333:role/bench" })).StateMachineArn;
    var arn = (await engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine })).ExecutionArn!;
    await engine.WaitForExecutionAsync(arn);
    // The first call pays JIT and a cold page cache once per process; what a person paging through history waits
    // for is a warm call, so one warm-up is excluded and the median and worst of the next 21 are reported.
    var request = new GetExecutionHistoryRequest { ExecutionArn = arn, MaxResults = 1000, ReverseOrder = true };
    var cold = Stopwatch.StartNew();
    var page = await engine.GetExecutionHistoryAsync(request);
    historyColdMs = Math.Round(cold.Elapsed.TotalMilliseconds, 1);
    if (page.Events![0].Id != 25_000)
    {
        throw new InvalidOperationException("the history benchmark execution did not reach 25,000 events");
    }
    var samples = new List<double>();
    for (var i = 0; i < 21; i++)
    {
        var watch = Stopwatch.StartNew();
        await engine.GetExecutionHistoryAsync(request);
        samples.Add(watch.Elapsed.TotalMilliseconds);
    }
    samples.Sort();
    historyMs = Math.Round(samples[samples.Count / 2], 1);
    historyWorstMs = Math.Round(samples[^1], 1);
}

var result = new JsonObject
{
    ["transitionsPerSecond"] = throughput,
    ["cpuMicrosPerTransition"] = cpuPerTransition,
    ["allocatedKbPerTransition"] = allocatedPerTransition,
    ["cpuNote"] = "process CPU time (all threads: executions, writer, handlers, GC) and bytes allocated, divided by the transitions of the round; CPU time moves less with the machine's load than wall time",
    ["throughputNote"] = (serialStarts ? "executions started one after another (each StartExecution waits for its own fsync'd commit)" : "all executions started at once")
        + (warmup ? ", after one untimed warm-up pass at 1 and 100 concurrent" : ", first pass of the process")
        + "; tiered compilation off (methods compiled optimised once, as a long-running engine runs them)",
    ["motoTransitionsPerSecond"] = motoPerSecond,
    ["motoNote"] = motoPerSecond is null
        ? "not measured: moto_server is not on PATH"
        : $"moto_server 5.2.1 over HTTP, {MotoConcurrency} concurrent executions x {MotoIterations} iterations of the same loop with the Task state as a Pass (moto runs no Lambda without Docker)",
    ["workflowCoreTransitionsPerSecond"] = workflowCorePerSecond,
    ["workflowCoreNote"] = $"WorkflowCore 3.22.0 in-memory, {WorkflowCoreConcurrency} concurrent workflows x {WorkflowCoreIterations} iterations (counter step, work step, While branch; every step execution counted); {workflowCoreFinished} of {WorkflowCoreConcurrency} finished within the 20 s limit",
    ["engineVsMoto"] = motoPerSecond is null ? null : Math.Round(engineAt1000 / motoPerSecond.Value, 1),
    ["engineVsWorkflowCore"] = workflowCorePerSecond > 0 ? Math.Round(engineAt1000 / workflowCorePerSecond, 1) : null,
    ["comparisonNote"] = "ratios divide the durable engine figure at 1,000 concurrent by the other figure",
    ["rssMbWith10kWaiting"] = rssMb,
    ["resume10kSeconds"] = resumeSeconds,
    ["history25kMs"] = historyMs,
    ["history25kWorstMs"] = historyWorstMs,
    ["history25kColdMs"] = historyColdMs,
    ["historyNote"] = "one GetExecutionHistory page (1,000 events, reverse order) of a 25,000-event execution: median and worst of 21 warm calls, and the first (cold) call of the process",
    ["spread"] = spread,
    ["spreadNote"] = $"every figure above except memory and history is the median of {repeat} rounds in this run; spread gives min, max and each round (memory is the peak of one process; history is already a median of 21 calls)",
    ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
foreach (var (key, value) in result)
{
    Console.WriteLine($"| {key} | {value?.ToJsonString() ?? "null (not measured)"} |");
}
Directory.Delete(root, recursive: true);
return 0;

static Task<StepFunctionsEngine> Open(string path) => StepFunctionsEngine.OpenAsync(new EngineOptions { DatabasePath = path });
