using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.Ec2Describe.Workload;

/// <summary>
/// Runs the phases of <c>ec2_workload.py</c> against one target, one driver process per phase, and
/// takes the target's, the driver's and the machine's CPU counters around each.
/// </summary>
public sealed class Boto3Workload(DescribeOptions options, BenchLayout layout, Target target)
{
    // Generous: a phase that takes longer than this has hung.
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromMinutes(30);

    private string State => Path.Combine(layout.Bench, $"{target.Name}-instances.json");

    public Task<PhaseRun> LaunchAsync(CancellationToken ct)
    {
        List<string> arguments = ["--instances", Text(target.Instances), "--threads", Text(options.Threads), "--batch", Text(options.Batch)];
        if (target.ImageId is { } image)
        {
            arguments.AddRange(["--image-id", image]);
        }

        return RunAsync("launch", "launch", arguments, ct);
    }

    public Task<PhaseRun> FilteredAsync(CancellationToken ct) =>
        RunAsync("filtered", "filtered", ["--repeats", Text(options.Repeats), "--max-seconds", Text(options.LatencySeconds)], ct);

    public Task<PhaseRun> PageAsync(CancellationToken ct) =>
        RunAsync("page", "page", ["--repeats", Text(options.PageRepeats), "--max-seconds", Text(options.LatencySeconds), "--page-size", "1000"], ct);

    /// <summary>
    /// DescribeInstances from several threads: <paramref name="kind"/> is <c>filtered</c> or
    /// <c>listing</c>. With <paramref name="replay"/> the target answers each kind of call once and
    /// boto3 is handed those answers from then on: the most calls the client can make on this machine.
    /// </summary>
    public Task<PhaseRun> ThroughputAsync(string kind, CancellationToken ct, bool replay = false)
    {
        List<string> arguments = ["--kind", kind, "--threads", Text(options.Threads), "--seconds", Text(options.ThroughputSeconds)];
        if (!options.ParseAnswers)
        {
            arguments.Add("--no-parse");
        }

        if (replay)
        {
            arguments.Add("--replay");
        }

        return RunAsync("throughput", replay ? $"ceiling-{kind}" : $"throughput-{kind}", arguments, ct);
    }

    private async Task<PhaseRun> RunAsync(string phase, string step, IEnumerable<string> phaseArguments, CancellationToken ct)
    {
        var name = $"{target.Name}-{step}";
        var resultFile = Path.Combine(layout.Bench, name + ".json");
        File.Delete(resultFile);
        string[] arguments =
        [
            options.Driver, phase,
            "--endpoint", target.Endpoint.ToString(), "--region", target.Region,
            "--access-key", target.AccessKey, "--secret-key", target.SecretKey,
            "--state", State, "--result", resultFile,
            .. phaseArguments,
        ];

        var load = MachineLoad.OneMinute();
        var cpuBefore = target.Cpu();
        var clientBefore = ProcessCpu.EndedChildrenSeconds();
        var machineBefore = MachineLoad.BusySeconds();
        var started = Stopwatch.GetTimestamp();
        int? exit;
        await using (var driver = ChildProcess.Start(name, options.Python, arguments, layout.Log(name)))
        {
            exit = await driver.WaitAsync(PhaseLimit, ct).ConfigureAwait(false);
        }

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = target.Cpu() - cpuBefore;
        var machine = MachineLoad.BusySeconds() - machineBefore;
        var client = ProcessCpu.EndedChildrenSeconds() - clientBefore;
        if (exit != 0 || !File.Exists(resultFile))
        {
            throw new BenchAbortedException($"the {phase} phase against {target.Name} failed (exit {exit?.ToString(CultureInfo.InvariantCulture) ?? "timeout"}); see {layout.Log(name)}");
        }

        var result = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(resultFile, ct).ConfigureAwait(false), WorkloadJson.Default.DriverResult)
            ?? throw new BenchAbortedException($"{resultFile} holds no result");
        return new PhaseRun(result, wall, cpu, client, machine, load);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
