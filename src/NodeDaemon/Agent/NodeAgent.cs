using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Reconciliation;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Agent;

/// <summary>
/// Keeps the host in line with the latest desired state. One loop observes libvirt, plans with the
/// <see cref="Reconciler"/> and hands each domain's steps to a worker; a domain with work in flight
/// is left out of later plans until its worker finishes. Lifecycle events, finished work, new desired
/// state and grace deadlines wake the loop; each pass refreshes the report for the core.
/// </summary>
public sealed partial class NodeAgent
{
    // A missed event must not leave a state change unreported for long.
    private static readonly TimeSpan SafetyPass = TimeSpan.FromSeconds(15);

    // A failing removal is retried, but not in a tight loop.
    private static readonly TimeSpan RemovalRetry = TimeSpan.FromSeconds(5);

    private readonly VirtConnection _connection;
    private readonly HypervisorFlavour _flavour;
    private readonly Reconciler _reconciler;
    private readonly ActionRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WakeSignal _wake = new();
    private readonly SemaphoreSlim _workers;
    private readonly ConcurrentDictionary<string, int> _appliedGenerations = new(StringComparer.Ordinal);

    // Disk saves that ended, by image id, kept while the core still asks for them.
    private readonly ConcurrentDictionary<string, SavedDisk> _saved = new(StringComparer.Ordinal);

    // The owner recorded in each domain seen on a shared libvirt (null: none recorded, so ours to manage).
    private readonly ConcurrentDictionary<string, string?> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    private readonly Lock _gate = new();
    private IReadOnlyList<DesiredDomain>? _desired;
    private string _desiredHash = string.Empty;
    private long _desiredRevision;
    private readonly HashSet<string> _disksWantedMoved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DomainFailure> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _shutdownAskedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _removalRetryAt = new(StringComparer.Ordinal);
    private readonly Dictionary<DiskKey, DateTimeOffset> _diskAskedAt = [];
    private readonly DiskCache _disks = new();

    private volatile IReadOnlyList<DomainReport> _report = [];
    private volatile IReadOnlyList<string> _active = [];

    public NodeAgent(
        VirtConnection connection,
        HypervisorFlavour flavour,
        DomainLayout layout,
        ImageCache images,
        TimeProvider time,
        ILogger logger,
        Networking.GuestFilters? filters = null)
    {
        _connection = connection;
        _flavour = flavour;
        _reconciler = new Reconciler(flavour.ShutdownGrace);
        _runner = new ActionRunner(connection, flavour, layout, images, _appliedGenerations, _saved, logger, filters);
        _time = time;
        _logger = logger;
        // The test driver serialises on one lock, so more workers would only queue; QEMU calls block for seconds.
        _workers = new SemaphoreSlim(flavour.IsTestDriver ? 2 : 8);
    }

    /// <summary>Set whenever the report changes; the sync side sends it to the core at once.</summary>
    public WakeSignal ReportChanged { get; } = new();

    /// <summary>The latest report, complete.</summary>
    public IReadOnlyList<DomainReport> Report => _report;

    /// <summary>Instance ids of managed domains that were running at the last pass.</summary>
    public IReadOnlyList<string> ActiveInstances => _active;

    /// <summary>Hash of the desired state last applied; empty before the core has answered.</summary>
    public string DesiredHash
    {
        get
        {
            lock (_gate)
            {
                return _desiredHash;
            }
        }
    }

    /// <summary>The domains the core last asked for; empty before it has answered.</summary>
    public IReadOnlyList<DesiredDomain> Desired
    {
        get
        {
            lock (_gate)
            {
                return _desired ?? [];
            }
        }
    }

    /// <summary>Raised after a new desired state is taken (read it from <see cref="Desired"/>).</summary>
    public event Action? DesiredChanged;

    /// <summary>Takes a desired state from the core; an unchanged one, complete or only confirmed, costs nothing.</summary>
    public void ApplyDesired(SyncResponse response)
    {
        lock (_gate)
        {
            // Several syncs are in flight at once; one read before a newer answer must not undo it.
            if (response.Revision < _desiredRevision)
            {
                return;
            }

            var same = _desired is not null && response.DesiredHash == _desiredHash;
            if (response.Unchanged && !same)
            {
                // It confirms a state this node has since left: the next sync sets things right.
                return;
            }

            _desiredRevision = response.Revision;
            if (same)
            {
                return;
            }

            _disksWantedMoved.UnionWith(DisksWantedMoved(_desired ?? [], response.Domains));
            _desired = response.Domains;
            _desiredHash = response.DesiredHash;
        }

        _logger.DesiredState(response.DesiredHash, response.Domains.Count);
        _wake.Set();
        DesiredChanged?.Invoke();
    }

    /// <summary>The domains whose wanted disks differ between two desired states.</summary>
    private static IEnumerable<string> DisksWantedMoved(IReadOnlyList<DesiredDomain> before, IReadOnlyList<DesiredDomain> after)
    {
        static HashSet<(string, string)> Wanted(IReadOnlyList<DesiredDomain> domains) =>
            [.. domains.SelectMany(d => (d.Disks ?? []).Select(disk => (d.InstanceId, disk.VolumeId)))];

        var moved = Wanted(before);
        moved.SymmetricExceptWith(Wanted(after));
        return moved.Select(m => m.Item1);
    }

    /// <summary>Runs until cancelled, then waits for the workers' current libvirt calls to end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var subscribed = _connection.SubscribeLifecycle(OnLifecycle);
        if (!subscribed.IsOk)
        {
            _logger.NoLifecycleEvents(subscribed.Error);
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wakeAt = Pass(cancellationToken);
                var wait = SafetyPass;
                if (wakeAt is { } at)
                {
                    var untilThen = at - _time.GetUtcNow();
                    wait = untilThen < TimeSpan.Zero ? TimeSpan.Zero : untilThen < wait ? untilThen : wait;
                }

                await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(false);
    }

    private void OnLifecycle(LifecycleEvent lifecycle)
    {
        if (DomainName.TryGetInstanceId(lifecycle.DomainName, out var instanceId))
        {
            // A domain that starts or stops changes which disks count: read them afresh.
            _disks.Forget(instanceId);
            _wake.Set();
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait ran out: time for a deadline or a safety pass.
        }
    }
}
