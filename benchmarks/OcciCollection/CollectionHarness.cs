using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Api;
using StandardsCloud.LoadHarness.Cloud;
using StandardsCloud.LoadHarness.Measure;
using StandardsCloud.OcciCollection.Ceiling;
using StandardsCloud.OcciCollection.Measure;
using StandardsCloud.OcciCollection.Report;

namespace StandardsCloud.OcciCollection;

/// <summary>
/// One run from start to end: a whole StandardsCloud (PostgreSQL, server, test-driver nodes)
/// loaded with instances, the ceiling started beside it with the same computes, then every
/// rendering of <c>GET /compute/</c> and the ceiling measured in turn, round after round;
/// everything started is stopped again whatever happened.
/// </summary>
public sealed class CollectionHarness(CollectionOptions options)
{
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CeilingStartLimit = TimeSpan.FromSeconds(60);
    private const string InstanceType = "t1.micro";

    // The server's runtime settings (Microsoft.NET.Sdk.Web: server GC; Server.csproj: no tiered PGO), for the ceiling.
    private static readonly Dictionary<string, string> ServerRuntime = new(StringComparer.Ordinal)
    {
        ["DOTNET_gcServer"] = "1",
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private readonly BenchLayout _layout = new(options.Root, "bench-occi");

    private string CeilingObjects => Path.Combine(_layout.Bench, "ceiling-computes.json");

    public async Task<CollectionResult> RunAsync(CancellationToken ct)
    {
        foreach (var file in new[] { _layout.ServerDll, _layout.NodeDll })
        {
            if (!File.Exists(file))
            {
                throw new BenchAbortedException($"{file} is missing; build first: dotnet build -c Release StandardsCloud.sln");
            }
        }

        _layout.Reset();
        var loadBefore = MachineLoad.OneMinute();
        await using var site = new BenchSite(options.Site, _layout);
        var o = options.Site;
        Say($"starting PostgreSQL on 127.0.0.1:{o.PostgresPort} (fsync {(o.NoFsync ? "off" : "on")})");
        await site.StartPostgresAsync(ct).ConfigureAwait(false);
        Say($"starting the server on {site.ApiBase} (OCCI on {site.OcciBase})");
        var admin = await site.StartServerAsync(ct).ConfigureAwait(false);
        using var api = new CloudApi(site.ApiBase, admin, 8);
        Say($"starting {o.Nodes} node daemons ({o.NodeCpus} CPUs, {o.NodeMemoryMiB} MiB each, nice {o.NodeNice})");
        await site.StartNodesAsync(api, ct).ConfigureAwait(false);
        var sha1 = BenchImage.Write(_layout.Image);
        var image = await api.RegisterImageAsync(new ImageBody("occi-collection", new Uri(_layout.Image).AbsoluteUri, sha1), ct).ConfigureAwait(false);

        Say($"launching {options.Instances} {InstanceType} instances as {admin.User}, {options.Batch} a call, 4 calls in flight");
        var loading = Stopwatch.GetTimestamp();
        var ids = await InstanceLoad.LaunchAsync(api, image.Id, InstanceType, options.Instances, options.Batch, 4, ct).ConfigureAwait(false);
        var loadSeconds = Stopwatch.GetElapsedTime(loading).TotalSeconds;
        var (runningAfter, running) = await InstanceLoad.WaitForRunningAsync(api, options.Instances, options.Deadline, ct).ConfigureAwait(false);
        Say($"{ids.Count} launched in {loadSeconds:F1} s; {running} running {runningAfter:F1} s later");
        if (running < options.Instances)
        {
            Say($"not all running after {options.Deadline.TotalSeconds:0} s; measuring anyway (the collection lists every live compute)");
        }

        Say("VACUUM ANALYZE after the load, as pgbench does before it measures");
        await site.VacuumAnalyzeAsync(ct).ConfigureAwait(false);

        var expected = ids.ToHashSet(StringComparer.Ordinal);
        var occiCompute = new Uri(site.OcciBase, "compute/");
        Say("reading the computes once through OCCI JSON for the ceiling");
        var ceilingCount = await WriteCeilingObjectsAsync(occiCompute, admin, ct).ConfigureAwait(false);
        if (ceilingCount != options.Instances)
        {
            throw new BenchAbortedException($"OCCI listed {ceilingCount} computes, not the {options.Instances} launched");
        }

        var harnessDll = typeof(CollectionHarness).Assembly.Location;
        var ceilingBase = new Uri($"http://127.0.0.1:{options.CeilingPort.ToString(CultureInfo.InvariantCulture)}/");
        Say($"starting the ceiling on {ceilingBase}");
        var ceiling = site.StartPeer("ceiling", "dotnet",
            [harnessDll, CeilingServer.Verb, "--port", options.CeilingPort.ToString(CultureInfo.InvariantCulture), "--objects", CeilingObjects], ServerRuntime);
        await BenchSite.WaitForAnswerAsync(new Uri(ceilingBase, "healthz"), ceiling, CeilingStartLimit, ct).ConfigureAwait(false);

        double ServerCpu() => (site.Server is { } server ? ProcessCpu.Seconds(server.Id) : 0) + (site.PostmasterId is { } pg ? ProcessCpu.PostgresSeconds(pg) : 0);
        Target[] renderings =
        [
            new("occi_collection_uri_list", "text/uri-list", occiCompute, "text/uri-list", AnswerShape.UriList, ServerCpu),
            new("occi_collection_occi_json", "application/occi+json", occiCompute, "application/occi+json", AnswerShape.OcciJson, ServerCpu),
            new("occi_collection_text_plain", "text/plain", occiCompute, "text/plain", AnswerShape.TextPlain, ServerCpu),
            new("occi_collection_text_occi", "text/occi", occiCompute, "text/occi", AnswerShape.TextOcci, ServerCpu),
        ];
        var ceilingTarget = new Target("occi_collection_ceiling", "ceiling (System.Text.Json array)", new Uri(ceilingBase, "compute/"), "application/json",
            AnswerShape.PlainJsonArray, () => ProcessCpu.Seconds(ceiling.Id));
        var runs = renderings.Append(ceilingTarget).Select(t => new TargetRun(t)).ToList();

        using var clients = new CollectionClients(admin, options.Clients);
        foreach (var run in runs)
        {
            run.AnswerBytes = await clients.VerifyAsync(run.Target, expected, ct).ConfigureAwait(false);
            Say($"{run.Target.Label}: the answer lists exactly the {expected.Count} instances ({run.AnswerBytes} bytes); warming up {options.WarmupSeconds} s");
            var warm = await clients.RunAsync(run.Target, TimeSpan.FromSeconds(options.WarmupSeconds), expected.Count, ct).ConfigureAwait(false);
            if (warm.Errors + warm.WrongAnswers > 0)
            {
                throw new BenchAbortedException($"{run.Target.Label}: {warm.Errors} errors, {warm.WrongAnswers} wrong answers while warming up; first: {warm.FirstProblem}");
            }
        }

        var serverIdle = await IdleCpuPerSecondAsync(ServerCpu, ct).ConfigureAwait(false);
        var ceilingIdle = await IdleCpuPerSecondAsync(ceilingTarget.ServerCpu, ct).ConfigureAwait(false);
        Say($"idle: the server and PostgreSQL spend {serverIdle:F3} CPU s/s, the ceiling {ceilingIdle:F3}");

        var stretch = TimeSpan.FromSeconds((double)options.Seconds / options.Rounds);
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var run in runs)
            {
                var serverBefore = run.Target.ServerCpu();
                var clientBefore = ProcessCpu.Seconds(Environment.ProcessId);
                var machineBefore = MachineLoad.BusySeconds();
                var measured = await clients.RunAsync(run.Target, stretch, expected.Count, ct).ConfigureAwait(false);
                run.Add(measured, run.Target.ServerCpu() - serverBefore, ProcessCpu.Seconds(Environment.ProcessId) - clientBefore, MachineLoad.BusySeconds() - machineBefore);
                var latency = LatencySummary.Of(measured.LatenciesMs);
                var trouble = measured.Errors + measured.WrongAnswers > 0 ? $", {measured.Errors} errors, {measured.WrongAnswers} wrong: {measured.FirstProblem}" : "";
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}/{options.Rounds} {run.Target.Label}: {measured.Requests / measured.Seconds:F2} requests/s, p50 {latency.P50:F0} ms, p95 {latency.P95:F0} ms{trouble}"));
            }
        }

        return new CollectionResult(options, runs[..^1], runs[^1], serverIdle, ceilingIdle, loadSeconds, runningAfter, loadBefore, MachineLoad.OneMinute());
    }

    /// <summary>
    /// Reads <c>GET /compute/</c> in OCCI JSON once and writes its resources as the ceiling's plain
    /// array; how many there were.
    /// </summary>
    private async Task<int> WriteCeilingObjectsAsync(Uri compute, AdminCredentials admin, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        using var request = new HttpRequestMessage(HttpMethod.Get, compute);
        request.Headers.Accept.ParseAdd("application/occi+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin.User}:{admin.Password}")));
        using var answer = await http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await answer.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (!answer.IsSuccessStatusCode)
        {
            throw new BenchAbortedException($"GET {compute} answered {(int)answer.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        var collection = JsonSerializer.Deserialize(body, CeilingJson.Default.CeilingCollection)
            ?? throw new BenchAbortedException($"GET {compute} answered no collection");
        await File.WriteAllBytesAsync(CeilingObjects, JsonSerializer.SerializeToUtf8Bytes(collection.Resources, CeilingJson.Default.IReadOnlyListCeilingResource), ct).ConfigureAwait(false);
        return collection.Resources.Count;
    }

    private static async Task<double> IdleCpuPerSecondAsync(Func<double> cpu, CancellationToken ct)
    {
        var before = cpu();
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(IdleSample, ct).ConfigureAwait(false);
        return (cpu() - before) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static void Say(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss.fff}] {message}");
}
