using System.Globalization;
using System.Text.Json;
using StandardsCloud.LoadHarness.Api;

namespace StandardsCloud.LoadHarness.Cloud;

/// <summary>
/// A whole cloud on this machine for one run: PostgreSQL, the server and N node daemons on the
/// libvirt test driver, all on 127.0.0.1. Disposing stops everything it started, in reverse order.
/// </summary>
public sealed class BenchSite(SiteOptions options, BenchLayout layout) : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(120);

    // Timestamps in the children's console logs, so their lines can be set against the run.
    private static readonly Dictionary<string, string> ChildEnvironment = new(StringComparer.Ordinal)
    {
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private readonly PostgresCluster _postgres = new(layout, options.PostgresPort, options.NoFsync);
    private readonly List<ChildProcess> _nodes = [];
    private readonly List<ChildProcess> _others = [];
    private bool _postgresStarted;

    public Uri ApiBase { get; } = new($"http://127.0.0.1:{options.ApiPort}/");

    /// <summary>The EC2 Query API's endpoint.</summary>
    public Uri Ec2Base { get; } = new($"http://127.0.0.1:{options.Ec2Port}/");

    /// <summary>The OCCI front-end's endpoint.</summary>
    public Uri OcciBase { get; } = new($"http://127.0.0.1:{options.OcciPort}/");
    public ChildProcess? Server { get; private set; }
    public IReadOnlyList<ChildProcess> Nodes => _nodes;
    public int? PostmasterId => _postgres.PostmasterId;

    /// <summary>Gives the planner statistics after a bulk load (see <see cref="PostgresCluster.VacuumAnalyzeAsync"/>).</summary>
    public Task VacuumAnalyzeAsync(CancellationToken ct) => _postgres.VacuumAnalyzeAsync(ct);

    public async Task StartPostgresAsync(CancellationToken ct)
    {
        _postgresStarted = true;
        await _postgres.StartFreshAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Starts the server and waits until <c>/healthz</c> answers; returns the first administrator.</summary>
    public async Task<AdminCredentials> StartServerAsync(CancellationToken ct)
    {
        WriteSiteConfig();
        Server = ChildProcess.Start("server", "dotnet",
            [layout.ServerDll, "run", "--config", layout.SiteConfig, "--data-dir", layout.Site], layout.Log("server"), ChildEnvironment);
        RecordPids();

        using var probe = new HttpClient { BaseAddress = ApiBase, Timeout = TimeSpan.FromSeconds(2) };
        await WaitUntilAsync("the server to answer /healthz", async () =>
        {
            Alive(Server);
            try
            {
                using var answer = await probe.GetAsync("healthz", ct).ConfigureAwait(false);
                return answer.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }, ct).ConfigureAwait(false);

        var admin = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(layout.AdminCredentials, ct).ConfigureAwait(false), ApiJson.Default.AdminCredentials);
        return admin ?? throw new BenchAbortedException($"{layout.AdminCredentials} holds no credentials");
    }

    /// <summary>
    /// Starts a process that belongs to the run but not to the cloud (a peer to compare with, say):
    /// it is recorded with the others for the script's last-resort clean-up and stopped first.
    /// </summary>
    public ChildProcess StartPeer(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var peer = ChildProcess.Start(name, fileName, arguments, layout.Log(name), environment);
        _others.Add(peer);
        RecordPids();
        return peer;
    }

    /// <summary>Waits until a peer answers HTTP at <paramref name="endpoint"/> (any status: it listens).</summary>
    public static async Task WaitForAnswerAsync(Uri endpoint, ChildProcess peer, TimeSpan limit, CancellationToken ct)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < limit)
        {
            Alive(peer);
            try
            {
                using var answer = await probe.GetAsync(endpoint, ct).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }

        throw new BenchAbortedException($"{peer.Name} did not answer on {endpoint} within {limit.TotalSeconds:0} s");
    }

    /// <summary>Stops a process started by <see cref="StartPeer"/> before the run ends.</summary>
    public async Task StopPeerAsync(ChildProcess peer)
    {
        await peer.DisposeAsync().ConfigureAwait(false);
        _others.Remove(peer);
        RecordPids();
    }

    /// <summary>Starts the node daemons and waits until every one is an online host.</summary>
    public async Task StartNodesAsync(CloudApi api, CancellationToken ct)
    {
        for (var n = 1; n <= options.Nodes; n++)
        {
            List<string> arguments =
            [
                "-n", options.NodeNice.ToString(CultureInfo.InvariantCulture), "dotnet", layout.NodeDll, "--core", ApiBase.ToString().TrimEnd('/'), "--join-token-file", layout.JoinToken,
                "--name", options.NodeNamePrefix + n.ToString(CultureInfo.InvariantCulture), "--uri", options.NodeUri, "--data-dir", layout.NodeData(n),
            ];
            if (options.NodeUri == "test")
            {
                arguments.AddRange(["--cpus", options.NodeCpus.ToString(CultureInfo.InvariantCulture), "--memory-mib", options.NodeMemoryMiB.ToString(CultureInfo.InvariantCulture)]);
            }
            else
            {
                // QEMU runs as its own user and must reach the node's disks and consoles.
                Directory.CreateDirectory(layout.NodeData(n));
                if (!OperatingSystem.IsWindows())
                {
                    OpenToQemu(layout.NodeData(n));
                }
            }

            var node = ChildProcess.Start($"node-{n}", "nice", arguments, layout.Log($"node-{n}"), ChildEnvironment);
            _nodes.Add(node);
        }

        RecordPids();
        await WaitUntilAsync($"{options.Nodes} hosts to be online", async () =>
        {
            Alive(Server!);
            _nodes.ForEach(Alive);
            var hosts = await api.HostsAsync(ct).ConfigureAwait(false);
            return hosts.Count(h => h.Name.StartsWith(options.NodeNamePrefix, StringComparison.Ordinal)
                && string.Equals(h.Status, "Online", StringComparison.OrdinalIgnoreCase)) == options.Nodes;
        }, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _others)
        {
            await peer.DisposeAsync().ConfigureAwait(false);
        }

        // Nodes first, so none reports to a server that is going away; all at once, each by its own id.
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        if (_postgresStarted)
        {
            await _postgres.StopAsync().ConfigureAwait(false);
        }

        File.Delete(layout.PidFile);
    }

    private void WriteSiteConfig()
    {
        var config = new SiteConfigFile(
            new DatabaseSection(_postgres.ConnectionString),
            new ListenSection("127.0.0.1", options.ApiPort, options.Ec2Port, options.OcciPort, options.ApiPort + 3),
            new ComputeSection(5),
            options.Ec2Region is { } region ? new Ec2Section(region) : null,
            options.TrustedEndorsers.Count > 0 ? new MarketplaceSection(options.TrustedEndorsers) : null);
        File.WriteAllBytes(layout.SiteConfig, JsonSerializer.SerializeToUtf8Bytes(config, ApiJson.Default.SiteConfigFile));
    }

    // Every directory from the node's data directory up to the root must be searchable by others.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void OpenToQemu(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            dir.UnixFileMode |= UnixFileMode.OtherExecute | UnixFileMode.GroupExecute;
        }

        new DirectoryInfo(directory).UnixFileMode |= UnixFileMode.OtherRead | UnixFileMode.GroupRead;
    }

    private void RecordPids()
    {
        var ids = new[] { Server }.Concat(_nodes).Concat(_others).OfType<ChildProcess>().Select(p => p.Id.ToString(CultureInfo.InvariantCulture));
        File.WriteAllLines(layout.PidFile, ids);
    }

    private static void Alive(ChildProcess process)
    {
        if (process.HasExited)
        {
            throw new BenchAbortedException($"{process.Name} (pid {process.Id}) exited during start-up; see its log");
        }
    }

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> ready, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StartupLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (await ready().ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }

        throw new BenchAbortedException($"gave up after {StartupLimit.TotalSeconds:0} s waiting for {what}");
    }
}
