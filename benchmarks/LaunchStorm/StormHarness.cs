using System.Diagnostics;
using StandardsCloud.LaunchStorm.Measure;
using StandardsCloud.LaunchStorm.Report;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Api;
using StandardsCloud.LoadHarness.Cloud;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.LaunchStorm;

/// <summary>
/// One launch storm from start to end: bring a cloud up, fire the launches while probing
/// <c>/healthz</c>, wait (bounded) for every instance to run, read the histories, and take the
/// cloud down again whatever happened.
/// </summary>
public sealed class StormHarness(StormOptions options)
{
    private static readonly TimeSpan RunningPoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan HistoryLimit = TimeSpan.FromSeconds(120);
    private const int HistoryConcurrency = 8;

    private readonly BenchLayout _layout = new(options.Root, "bench");

    public async Task<StormResult> RunAsync(CancellationToken ct)
    {
        foreach (var dll in new[] { _layout.ServerDll, _layout.NodeDll })
        {
            if (!File.Exists(dll))
            {
                throw new BenchAbortedException($"{dll} is missing; build first: dotnet build -c Release StandardsCloud.sln");
            }
        }

        _layout.Reset();
        var o = options.Site;
        await using var site = new BenchSite(o, _layout);
        Say($"starting PostgreSQL on 127.0.0.1:{o.PostgresPort} (fsync {(o.NoFsync ? "off" : "on")})");
        await site.StartPostgresAsync(ct).ConfigureAwait(false);
        Say($"starting the server on {site.ApiBase}");
        var admin = await site.StartServerAsync(ct).ConfigureAwait(false);
        using var api = new CloudApi(site.ApiBase, admin, options.Concurrency + 8);
        Say($"starting {o.Nodes} node daemons ({o.NodeCpus} CPUs, {o.NodeMemoryMiB} MiB each, nice {o.NodeNice})");
        await site.StartNodesAsync(api, ct).ConfigureAwait(false);

        var sha1 = BenchImage.Write(_layout.Image);
        var image = await api.RegisterImageAsync(new ImageBody("launch-storm", new Uri(_layout.Image).AbsoluteUri, sha1), ct).ConfigureAwait(false);
        Say($"image {image.Id} registered; {options.Instances} launches, {options.Concurrency} in flight");
        return await StormAsync(site, api, image, ct).ConfigureAwait(false);
    }

    private async Task<StormResult> StormAsync(BenchSite site, CloudApi api, ImageEntry image, CancellationToken ct)
    {
        var cpuBefore = CpuNow(site);
        var load = MachineLoad.OneMinute();
        await using var health = new HealthSampler(site.ApiBase);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Deadline);

        health.Start();
        var started = Stopwatch.GetTimestamp();
        var volley = new LaunchVolley(api, new LaunchBody(image.Id, options.InstanceType, 1), options.Instances, options.Concurrency);
        var firing = volley.FireAsync(deadline.Token);
        double? launchPhase = null;
        var running = 0;
        while (true)
        {
            if (firing.IsCompleted)
            {
                launchPhase ??= Stopwatch.GetElapsedTime(started).TotalSeconds;
            }

            if (await CensusAsync(api, deadline.Token).ConfigureAwait(false) is { } census)
            {
                running = census.Running;

                // Done when all run, or when every launched instance has settled somewhere else
                // (stopped, failed): waiting longer would not bring them up.
                if (running >= options.Instances
                    || (firing.IsCompletedSuccessfully && census.Listed >= volley.Succeeded && census.InProgress == 0))
                {
                    break;
                }
            }

            if (!await PauseAsync(deadline.Token).ConfigureAwait(false))
            {
                ct.ThrowIfCancellationRequested();
                Say($"gave up after {options.Deadline.TotalSeconds:0} s with {running} running");
                break;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var healthSamples = await health.StopAsync().ConfigureAwait(false);
        var cpuAfter = CpuNow(site);
        await Task.WhenAny(firing).ConfigureAwait(false);
        var attempts = volley.Attempts;
        launchPhase ??= elapsed;
        Say($"storm over after {elapsed:F2} s with {running} running; reading histories");

        var states = (await api.InstancesAsync(null, ct).ConfigureAwait(false))
            .GroupBy(i => i.State, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        using var historyLimit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        historyLimit.CancelAfter(HistoryLimit);
        var ids = attempts.Where(a => a.Succeeded).Select(a => a.InstanceId!).ToList();
        var timelines = await InstanceTimeline.ReadAsync(api, ids, HistoryConcurrency, historyLimit.Token).ConfigureAwait(false);

        return new StormResult
        {
            Options = options,
            LoadAverageBefore = load,
            ElapsedSeconds = elapsed,
            LaunchPhaseSeconds = launchPhase.Value,
            RunningCount = running,
            StateCounts = states,
            Launch = LatencySummary.Of(attempts.Select(a => a.LatencyMs)),
            LaunchErrors = attempts.Count(a => !a.Succeeded),
            FirstLaunchError = attempts.FirstOrDefault(a => !a.Succeeded) is { } failed
                ? $"{(failed.Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}: {failed.Error}"
                : null,
            Placement = LatencySummary.Of(timelines.Select(t => t.PlacementMs).OfType<double>()),
            RequestToRunning = LatencySummary.Of(timelines.Select(t => t.RunningMs).OfType<double>()),
            Health = LatencySummary.Of(healthSamples),
            HealthFailures = health.Failures,
            Cpu = cpuAfter.Minus(cpuBefore),
        };
    }

    private sealed record Census(int Listed, int Running, int InProgress);

    // States an instance passes through on its way to Running (Unknown may still recover).
    private static readonly HashSet<string> OnTheWay = new(["Pending", "Prolog", "Boot", "Unknown"], StringComparer.OrdinalIgnoreCase);

    /// <summary>How many instances there are, run, and are still on their way; null when the listing failed this time.</summary>
    private static async Task<Census?> CensusAsync(CloudApi api, CancellationToken ct)
    {
        try
        {
            var all = await api.InstancesAsync(null, ct).ConfigureAwait(false);
            return new Census(all.Count,
                all.Count(i => string.Equals(i.State, "Running", StringComparison.OrdinalIgnoreCase)),
                all.Count(i => OnTheWay.Contains(i.State)));
        }
        catch (Exception e) when (e is HttpRequestException or BenchAbortedException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            Say($"listing running instances failed: {e.Message}");
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits one poll interval; false when the deadline (or an interrupt) came first.</summary>
    private static async Task<bool> PauseAsync(CancellationToken deadline)
    {
        try
        {
            await Task.Delay(RunningPoll, deadline).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static CpuSpent CpuNow(BenchSite site) => new(
        site.Server is { } server ? ProcessCpu.Seconds(server.Id) : 0,
        site.Nodes.Sum(n => ProcessCpu.Seconds(n.Id)),
        site.PostmasterId is { } pg ? ProcessCpu.PostgresSeconds(pg) : 0,
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);

    private static void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss.fff}] {message}");
}
