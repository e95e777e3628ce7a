using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Agent;
using StandardsCloud.NodeDaemon.Core;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Metadata;
using StandardsCloud.NodeDaemon.Networking;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Hosting;

/// <summary>
/// One node daemon, composed: a libvirt connection, the image cache, the agent that reconciles
/// domains and the session with the core. The host process and the tests both run it through here.
/// </summary>
public sealed class Node : IDisposable
{
    private readonly NodeOptions _options;
    private readonly HttpClient _http;
    private readonly NodeSession _session;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    private Node(NodeOptions options, VirtConnection connection, HostCapacity capacity, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options;
        Connection = connection;
        Capacity = capacity;
        _logger = loggers.CreateLogger("StandardsCloud.NodeDaemon");
        _time = time;
        // Calls carry their own deadlines: a long-poll must outlive HttpClient's 100 s default.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var flavour = HypervisorFlavour.ForUri(connection.Uri, options.Kvm, options.ShutdownGrace) with { Bridge = options.Bridge, Owner = options.Name };
        var layout = new DomainLayout(options.DataDir);
        // Guests with an interface get their security groups as a libvirt network filter.
        var filters = flavour.Bridge is not null && !flavour.IsTestDriver ? new GuestFilters(connection, _logger) : null;
        Agent = new NodeAgent(connection, flavour, layout, new ImageCache(layout.ImagesDir, _http), time, _logger, filters);
        if (filters is not null)
        {
            Agent.DesiredChanged += () => _ = Task.Run(() => filters.Apply(() => Agent.Desired));
        }

        if (options.PublicInterface is { } publicInterface)
        {
            var addresses = new PublicAddresses(publicInterface, layout.DataDir, [], _logger);
            Agent.DesiredChanged += () => _ = addresses.ApplyAsync(() => Agent.Desired, CancellationToken.None);
        }

        var registration = new RegisterRequest(
            options.Name,
            options.JoinToken,
            NodeApi.Version,
            capacity,
            connection.Uri,
            RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64");
        var console = flavour.IsTestDriver ? null : new ConsoleTail(Agent, layout, time, _logger);
        _session = new NodeSession(
            new CoreClient(_http, options.Core), Agent, registration, time, _logger, console is null ? null : console.RunAsync);
    }

    public VirtConnection Connection { get; }

    public HostCapacity Capacity { get; }

    public NodeAgent Agent { get; }

    /// <summary>Prepares the data directory and connects to libvirt; nothing talks to the core yet.</summary>
    public static Outcome<Node> Open(NodeOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        try
        {
            Directory.CreateDirectory(options.DataDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Outcome<Node>.Fail($"--data-dir '{options.DataDir}': {e.Message}");
        }

        var uri = options.LibvirtUri == NodeOptions.TestUri
            ? TestHostFile.Write(Path.Combine(options.DataDir, "host.xml"), options.Cpus, options.MemoryMiB)
            : options.LibvirtUri;
        var opened = VirtConnection.Open(uri);
        if (!opened.IsOk)
        {
            return Outcome<Node>.Fail(opened.Error);
        }

        var info = opened.Value.GetNodeInfo();
        if (!info.IsOk)
        {
            opened.Value.Dispose();
            return Outcome<Node>.Fail($"cannot read node info: {info.Error}");
        }

        var capacity = new HostCapacity(info.Value.Cpus, info.Value.MemoryKiB / 1024, info.Value.Mhz);
        return new Node(options, opened.Value, capacity, loggers, time);
    }

    /// <summary>Runs until cancelled or until the core refuses the node for good.</summary>
    public async Task<SessionEnd> RunAsync(CancellationToken cancellationToken)
    {
        _logger.Starting(_options.Name, Connection.Uri, Capacity.Cpus, Capacity.MemoryMiB, _options.DataDir);
        await using var metadata = await StartMetadataAsync().ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var agent = Agent.RunAsync(stop.Token);
        var end = await _session.RunAsync(stop.Token).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await agent.ConfigureAwait(false);
        _logger.Stopping();
        return end;
    }

    /// <summary>The metadata service when one is asked for; a failure to bind is logged and the node goes on without it.</summary>
    private async Task<MetadataServer?> StartMetadataAsync()
    {
        if (_options.MetadataListen is not { } listen)
        {
            return null;
        }

        var endpoint = new MetadataEndpoint(new GuestDirectory(() => Agent.Desired), new MetadataTokens(_time), _options.MetadataV2Only);
        var started = await MetadataServer.StartAsync(listen, endpoint).ConfigureAwait(false);
        if (!started.IsOk)
        {
            _logger.MetadataUnavailable(listen, started.Error!);
            return null;
        }

        _logger.MetadataListening(started.Value.Address, _options.MetadataV2Only ? " (session tokens required)" : string.Empty);
        return started.Value;
    }

    public void Dispose()
    {
        Connection.Dispose();
        _http.Dispose();
    }
}
