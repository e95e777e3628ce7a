using System.ComponentModel;
using System.Diagnostics;
using StandardsCloud.Ec2Describe.Report;
using StandardsCloud.Ec2Describe.Workload;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Api;
using StandardsCloud.LoadHarness.Cloud;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.Ec2Describe;

/// <summary>
/// One run from start to end: moto_server with its instances and the boto3 workload against it,
/// then a whole StandardsCloud (PostgreSQL, server, test-driver nodes) with its instances and the
/// same workload, one after the other so neither slows the other; everything started is stopped
/// again whatever happened.
/// </summary>
public sealed class DescribeHarness(DescribeOptions options)
{
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MotoStartLimit = TimeSpan.FromSeconds(60);

    // moto accepts any key; it answers in the regions AWS has.
    private const string MotoRegion = "us-east-1";
    private const string MotoKey = "bench";

    private readonly BenchLayout _layout = new(options.Root, "bench-ec2");

    public async Task<DescribeResult> RunAsync(CancellationToken ct)
    {
        foreach (var file in new[] { _layout.ServerDll, _layout.NodeDll, options.Driver })
        {
            if (!File.Exists(file))
            {
                throw new BenchAbortedException($"{file} is missing; build first: dotnet build -c Release StandardsCloud.sln");
            }
        }

        _layout.Reset();
        await CheckPythonAsync(ct).ConfigureAwait(false);
        var loadBefore = MachineLoad.OneMinute();
        await using var site = new BenchSite(options.Site, _layout);
        var moto = options.MotoInstances > 0 ? await MotoAsync(site, ct).ConfigureAwait(false) : null;
        var ours = await OursAsync(site, ct).ConfigureAwait(false);
        return new DescribeResult(options, ours, moto, loadBefore, MachineLoad.OneMinute());
    }

    private async Task<TargetRun> MotoAsync(BenchSite site, CancellationToken ct)
    {
        Say($"starting moto_server on 127.0.0.1:{options.MotoPort}");
        ChildProcess moto;
        try
        {
            moto = site.StartPeer("moto", options.MotoServer, ["-H", "127.0.0.1", "-p", options.MotoPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        catch (Win32Exception e)
        {
            throw new BenchAbortedException($"{options.MotoServer} could not be started ({e.Message}); pass --moto-server, or --moto-instances 0 to leave moto out");
        }

        var endpoint = new Uri($"http://127.0.0.1:{options.MotoPort}/");
        await BenchSite.WaitForAnswerAsync(endpoint, moto, MotoStartLimit, ct).ConfigureAwait(false);
        var target = new Target("moto", endpoint, MotoRegion, MotoKey, MotoKey, null, options.MotoInstances,
            () => new TargetCpu(ProcessCpu.Seconds(moto.Id), 0, 0));
        var run = await RunWorkloadAsync(target, waitForRunning: null, ct).ConfigureAwait(false);
        await site.StopPeerAsync(moto).ConfigureAwait(false);
        return run;
    }

    private async Task<TargetRun> OursAsync(BenchSite site, CancellationToken ct)
    {
        var o = options.Site;
        Say($"starting PostgreSQL on 127.0.0.1:{o.PostgresPort} (fsync {(o.NoFsync ? "off" : "on")})");
        await site.StartPostgresAsync(ct).ConfigureAwait(false);
        Say($"starting the server on {site.ApiBase} (EC2 on {site.Ec2Base})");
        var admin = await site.StartServerAsync(ct).ConfigureAwait(false);
        if (admin is not { AccessKeyId: { } keyId, SecretAccessKey: { } secret })
        {
            throw new BenchAbortedException($"{_layout.AdminCredentials} holds no EC2 access key");
        }

        using var api = new CloudApi(site.ApiBase, admin, 8);
        Say($"starting {o.Nodes} node daemons ({o.NodeCpus} CPUs, {o.NodeMemoryMiB} MiB each, nice {o.NodeNice})");
        await site.StartNodesAsync(api, ct).ConfigureAwait(false);
        var sha1 = BenchImage.Write(_layout.Image);
        var image = await api.RegisterImageAsync(new ImageBody("ec2-describe", new Uri(_layout.Image).AbsoluteUri, sha1), ct).ConfigureAwait(false);

        var target = new Target("standardscloud", site.Ec2Base, o.Ec2Region ?? "RegionOne", keyId, secret, image.Id, options.Instances,
            () => new TargetCpu(
                site.Server is { } server ? ProcessCpu.Seconds(server.Id) : 0,
                site.PostmasterId is { } pg ? ProcessCpu.PostgresSeconds(pg) : 0,
                site.Nodes.Sum(n => ProcessCpu.Seconds(n.Id))));
        return await RunWorkloadAsync(target, async c =>
        {
            var running = await WaitForRunningAsync(api, c).ConfigureAwait(false);
            Say("standardscloud: VACUUM ANALYZE after the load, as pgbench does before it measures");
            await site.VacuumAnalyzeAsync(c).ConfigureAwait(false);
            return running;
        }, ct).ConfigureAwait(false);
    }

    private async Task<TargetRun> RunWorkloadAsync(Target target, Func<CancellationToken, Task<(double Seconds, int Running)>>? waitForRunning, CancellationToken ct)
    {
        var workload = new Boto3Workload(options, _layout, target);
        Say($"{target.Name}: RunInstances up to {target.Instances} instances ({options.Threads} threads, batches of {options.Batch})");
        var launch = await workload.LaunchAsync(ct).ConfigureAwait(false);
        Say($"{target.Name}: {launch.Result.Instances} instances launched in {launch.WallSeconds:F1} s");
        (double Seconds, int Running)? running = null;
        if (waitForRunning is not null)
        {
            running = await waitForRunning(ct).ConfigureAwait(false);
            Say($"{target.Name}: {running.Value.Running} running {running.Value.Seconds:F1} s after the last launch");
        }

        var idle = await IdleCpuPerSecondAsync(target, ct).ConfigureAwait(false);
        Say($"{target.Name}: idle, it spends {idle:F3} CPU s/s; filtered DescribeInstances, one call at a time");
        var filtered = await workload.FilteredAsync(ct).ConfigureAwait(false);
        Say($"{target.Name}: first 1,000-item page, one call at a time");
        var page = await workload.PageAsync(ct).ConfigureAwait(false);
        Say($"{target.Name}: filtered DescribeInstances from {options.Threads} threads for {options.ThroughputSeconds} s");
        var filteredRate = await workload.ThroughputAsync("filtered", ct).ConfigureAwait(false);
        Say($"{target.Name}: the same with its answers replayed to boto3, nothing sent (the client's ceiling)");
        var ceiling = await workload.ThroughputAsync("filtered", ct, replay: true).ConfigureAwait(false);
        Say($"{target.Name}: whole listings from {options.Threads} threads for {options.ThroughputSeconds} s");
        var listingRate = await workload.ThroughputAsync("listing", ct).ConfigureAwait(false);
        return new TargetRun
        {
            Target = target,
            Launch = launch,
            RunningAfterSeconds = running?.Seconds,
            RunningCount = running?.Running,
            IdleCpuPerSecond = idle,
            Filtered = filtered,
            Page = page,
            FilteredThroughput = filteredRate,
            ListingThroughput = listingRate,
            FilteredCeiling = ceiling,
        };
    }

    private async Task<(double Seconds, int Running)> WaitForRunningAsync(CloudApi api, CancellationToken ct)
    {
        var (seconds, running) = await InstanceLoad.WaitForRunningAsync(api, options.Instances, options.Deadline, ct).ConfigureAwait(false);
        if (running < options.Instances)
        {
            Say($"gave up waiting after {options.Deadline.TotalSeconds:0} s with {running} of {options.Instances} running; measuring anyway");
        }

        return (seconds, running);
    }

    private static async Task<double> IdleCpuPerSecondAsync(Target target, CancellationToken ct)
    {
        var before = target.Cpu();
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(IdleSample, ct).ConfigureAwait(false);
        return (target.Cpu() - before).Answering / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task CheckPythonAsync(CancellationToken ct)
    {
        ChildProcess check;
        try
        {
            check = ChildProcess.Start("python-check", options.Python, ["-c", "import boto3, botocore"], _layout.Log("python-check"));
        }
        catch (Win32Exception e)
        {
            throw new BenchAbortedException($"{options.Python} could not be started ({e.Message}); pass --python");
        }

        await using (check)
        {
            if (await check.WaitAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false) != 0)
            {
                throw new BenchAbortedException($"{options.Python} cannot import boto3; see {_layout.Log("python-check")}");
            }
        }
    }

    private static void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss.fff}] {message}");
}
