using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Hosts;

/// <summary>
/// The core's side of the node protocol: joining hosts, their heartbeats and reports, and the
/// desired state each host should converge to.
/// </summary>
public sealed class HostService(IComputeStore store, ComputeOptions options, TimeProvider time, CoreSignals signals, VolumeService volumes)
{
    private const int ConflictRetries = 8;

    // What each host was last answered from (the stamp of its inputs) and the desired hash it got, by host id.
    private readonly ConcurrentDictionary<string, (string Stamp, string DesiredHash)> _answered = new(StringComparer.Ordinal);

    public async Task<Outcome<RegisterResponse>> RegisterAsync(RegisterRequest request, CancellationToken ct)
    {
        if (!FixedTimeEquals(request.JoinToken, options.NodeJoinToken) || options.NodeJoinToken.Length == 0)
        {
            return Outcome<RegisterResponse>.Fail(ComputeStatus.Unauthenticated, "the join token is wrong");
        }

        if (request.ProtocolVersion != NodeApi.Version)
        {
            return Outcome<RegisterResponse>.Fail(ComputeStatus.InvalidParameter,
                $"node protocol version {request.ProtocolVersion} is not spoken here; this core speaks {NodeApi.Version}");
        }

        if (string.IsNullOrWhiteSpace(request.NodeName) || request.Capacity.Cpus < 1 || request.Capacity.MemoryMiB < 1)
        {
            return Outcome<RegisterResponse>.Fail(ComputeStatus.InvalidParameter, "a node needs a name, at least one CPU and some memory");
        }

        await using var session = store.OpenSession();
        var hosts = await session.ListAsync<Host>(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var host = hosts.FirstOrDefault(h => h.Name == request.NodeName)
            ?? new Host { Id = ResourceIds.NewHostId(), Name = request.NodeName, RegisteredAt = now };
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        host.HypervisorUri = request.HypervisorUri;
        host.Architecture = request.Architecture;
        host.Cpus = request.Capacity.Cpus;
        host.MemoryMiB = request.Capacity.MemoryMiB;
        host.CpuMhz = request.Capacity.CpuMhz;
        host.TokenHash = HashToken(secret);
        host.LastHeartbeatAt = now;
        var ctx = EventContext.Of(Actor.Node(host.Id), time);
        session.Record(ResourceStreams.Host(host.Id), new HostRegistered(ctx, host.Name, host.HypervisorUri, host.Cpus, host.MemoryMiB));
        if (host.Status == HostStatus.Error)
        {
            session.Record(ResourceStreams.Host(host.Id), new HostStatusChanged(ctx, host.Status, HostStatus.Online, "registered again"));
            host.Status = HostStatus.Online;
        }

        session.Store(host);
        await session.SaveAsync(ct).ConfigureAwait(false);
        signals.InstancesPending();
        return Outcome<RegisterResponse>.Ok(new RegisterResponse(host.Id, host.Id + "." + secret, (int)options.Heartbeat.TotalSeconds));
    }

    /// <summary>The host a bearer token belongs to, or null.</summary>
    public async Task<Host?> AuthenticateAsync(string token, CancellationToken ct)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        await using var session = store.OpenSession();
        var host = await session.LoadAsync<Host>(token[..dot], ct).ConfigureAwait(false);
        return host is not null && FixedTimeEquals(HashToken(token[(dot + 1)..]), host.TokenHash) ? host : null;
    }

    /// <summary>
    /// Records a heartbeat and report, then answers the host's desired state, holding the answer
    /// up to one heartbeat while it equals what the host already has.
    /// </summary>
    public async Task<SyncResponse> SyncAsync(Host host, SyncRequest request, CancellationToken ct)
    {
        SyncResponse desired;
        if (request.Domains is null && host.Status != HostStatus.Error)
        {
            desired = await HeartbeatAsync(host, request, ct).ConfigureAwait(false);
        }
        else if (await RecordAsync(host, request, ct).ConfigureAwait(false) is var (revision, placed))
        {
            await using var session = store.OpenSession();
            desired = (await DesiredOfAsync(session, placed, revision, ct).ConfigureAwait(false)).Desired;
        }
        else
        {
            desired = await DesiredAsync(host.Id, ct).ConfigureAwait(false);
        }

        // Hold the answer while it would tell the host nothing new, up to one heartbeat. Waking on
        // time, it is not read again: the host polls again at once, and that poll reads it afresh
        // (so a change made where no signal reaches, in another server process, is seen as soon).
        var deadline = time.GetUtcNow() + options.Heartbeat;
        while (request.Wait && desired.DesiredHash == request.KnownDesiredHash && deadline - time.GetUtcNow() is { Ticks: > 0 } left
            && await signals.WaitForHostAsync(host.Id, left, ct).ConfigureAwait(false))
        {
            desired = await DesiredAsync(host.Id, ct).ConfigureAwait(false);
        }

        // What the host already holds is not sent again: with thousands of domains that is megabytes a heartbeat.
        return desired.DesiredHash == request.KnownDesiredHash ? SyncResponse.Same(desired.DesiredHash, desired.Revision) : desired;
    }

    /// <summary>Hosts silent for too many heartbeats go into error and their instances to unknown.</summary>
    public async Task<int> MarkSilentHostsAsync(CancellationToken ct)
    {
        var deadline = time.GetUtcNow() - (options.Heartbeat * options.MissedHeartbeats);
        await using var session = store.OpenSession();
        var silent = (await session.ListAsync<Host>(ct).ConfigureAwait(false))
            .Where(h => h.Status == HostStatus.Online && h.LastHeartbeatAt < deadline)
            .ToList();
        foreach (var host in silent)
        {
            var ctx = EventContext.Of(Actor.Core("heartbeat-monitor"), time);
            var reason = $"host {host.Name} missed {options.MissedHeartbeats} heartbeats";
            session.Record(ResourceStreams.Host(host.Id), new HostStatusChanged(ctx, host.Status, HostStatus.Error, reason));
            host.Status = HostStatus.Error;
            session.Store(host);
            foreach (var i in await session.ListInstancesAsync(new InstanceQuery { HostId = host.Id, HoldingHostOnly = true }, ct).ConfigureAwait(false))
            {
                if (i.State != InstanceState.Unknown && InstanceLifecycle.CanMove(i.State, InstanceState.Unknown))
                {
                    session.AppendInstance(i.Id, i.Version, [new InstanceTransitioned(ctx, i.State, InstanceState.Unknown, reason)]);
                }
            }
        }

        if (silent.Count > 0)
        {
            await session.SaveAsync(ct).ConfigureAwait(false);
        }

        return silent.Count;
    }

    /// <summary>Keeps console output a host sends for one of its own instances.</summary>
    public async Task<ComputeStatus> AppendConsoleAsync(Host host, ConsoleChunk chunk, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var instance = await session.FindInstanceAsync(chunk.InstanceId, ct).ConfigureAwait(false);
        if (instance is null || instance.HostId != host.Id)
        {
            return ComputeStatus.NotFound;
        }

        var log = await session.LoadAsync<ConsoleLog>(chunk.InstanceId, ct).ConfigureAwait(false) ?? new ConsoleLog { Id = chunk.InstanceId };
        log.Add(chunk.Offset, chunk.Text);
        session.Store(log);
        return await session.SaveAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Every change of a host: registrations and status changes.</summary>
    public async Task<Outcome<IReadOnlyList<HistoryEntry>>> HistoryAsync(string hostId, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await session.LoadAsync<Host>(hostId, ct).ConfigureAwait(false) is null
            ? Outcome<IReadOnlyList<HistoryEntry>>.Fail(ComputeStatus.NotFound, $"host {hostId} does not exist")
            : Outcome<IReadOnlyList<HistoryEntry>>.Ok(await session.ResourceHistoryAsync(ResourceStreams.Host(hostId), ct).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<Host>> ListAsync(CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await session.ListAsync<Host>(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A sync that carries no report (a node's long-poll): records the heartbeat and answers the
    /// desired state. While nothing that state is made of has changed since the host was last
    /// answered, and the host holds that answer, its instances are not read again: on a host with
    /// thousands of them, reading and hashing them was most of what an idle cloud spent.
    /// </summary>
    private async Task<SyncResponse> HeartbeatAsync(Host host, SyncRequest request, CancellationToken ct)
    {
        var revision = time.GetUtcNow().UtcTicks;
        await using var session = store.OpenSession();
        if (NoteHeartbeat(host, request.Capacity))
        {
            session.Store(host);
            await session.SaveAsync(ct).ConfigureAwait(false);
        }

        // Read before the state itself: a change saved in between can only make the next comparison miss.
        var stamp = await session.HostInputsStampAsync(host.Id, ct).ConfigureAwait(false);
        if (_answered.TryGetValue(host.Id, out var last) && last.Stamp == stamp && last.DesiredHash == request.KnownDesiredHash)
        {
            return SyncResponse.Same(last.DesiredHash, revision);
        }

        var placed = await session.ListInstancesAsync(new InstanceQuery { HostId = host.Id, HoldingHostOnly = true }, ct).ConfigureAwait(false);
        var (desired, ownInputsOnly) = await DesiredOfAsync(session, placed, revision, ct).ConfigureAwait(false);
        if (ownInputsOnly)
        {
            _answered[host.Id] = (stamp, desired.DesiredHash);
        }
        else
        {
            _answered.TryRemove(host.Id, out _);
        }

        return desired;
    }

    /// <summary>
    /// Takes a heartbeat into <paramref name="host"/> (time, capacity, back online); answers whether
    /// the document must be written. It is written at most twice an interval: enough for the monitor,
    /// far fewer writes than syncs (a busy node syncs many times a second).
    /// </summary>
    private bool NoteHeartbeat(Host host, HostCapacity capacity)
    {
        var now = time.GetUtcNow();
        var write = host.Status == HostStatus.Error || host.Cpus != capacity.Cpus || host.MemoryMiB != capacity.MemoryMiB || host.CpuMhz != capacity.CpuMhz
            || now - host.LastHeartbeatAt >= options.Heartbeat / 2;
        host.LastHeartbeatAt = now;
        host.Cpus = capacity.Cpus;
        host.MemoryMiB = capacity.MemoryMiB;
        host.CpuMhz = capacity.CpuMhz;
        host.Status = host.Status == HostStatus.Error ? HostStatus.Online : host.Status;
        return write;
    }

    /// <summary>
    /// Records a heartbeat and report; answers the host's instances as they are after it, and the
    /// revision (time) read at, or null when other writers kept getting in the way.
    /// </summary>
    private async Task<(long Revision, IReadOnlyList<Instance> Placed)?> RecordAsync(Host host, SyncRequest request, CancellationToken ct)
    {
        var reports = request.Domains?.ToDictionary(d => d.InstanceId, StringComparer.Ordinal);
        var cameBack = host.Status == HostStatus.Error;
        var writeHost = NoteHeartbeat(host, request.Capacity);
        var ctx = EventContext.Of(Actor.Node(host.Id), time);

        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            var savesEnded = false;

            // Taken before the read: an answer read later always carries a larger revision.
            var revision = time.GetUtcNow().UtcTicks;
            await using var session = store.OpenSession();
            if (writeHost)
            {
                session.Store(host);
            }

            if (cameBack)
            {
                session.Record(ResourceStreams.Host(host.Id), new HostStatusChanged(ctx, HostStatus.Error, HostStatus.Online, "reporting again"));
            }

            var placed = await session.ListInstancesAsync(new InstanceQuery { HostId = host.Id, HoldingHostOnly = true }, ct).ConfigureAwait(false);
            var changes = new List<(Instance Instance, IInstanceEvent[] Events)>();
            var ended = new List<string>();
            var disks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            ILookup<string, Image>? saving = null;
            foreach (var instance in reports is null ? [] : placed)
            {
                var report = reports!.GetValueOrDefault(instance.Id);
                var events = InstanceReconciliation.Apply(instance, report?.State ?? DomainState.Missing, report?.Reason, ctx);
                var endsNow = events.OfType<InstanceTransitioned>().Any(t => t.To is InstanceState.Done or InstanceState.Failed);
                if (endsNow || report?.Saved is { Count: > 0 })
                {
                    // Saves are rare: the catalogue is read only when one ends or its instance does.
                    saving ??= DiskSaves.Pending(await session.ListAsync<Image>(ct).ConfigureAwait(false));
                    var saveEvents = DiskSaves.End(session, saving, instance.Id, report?.Saved, endsNow, ctx);
                    savesEnded |= saveEvents.Length > 0;
                    events = [.. events, .. saveEvents];
                }

                if (events.Length > 0)
                {
                    session.AppendInstance(instance.Id, instance.Version, events);
                    changes.Add((instance, events));
                }

                if (endsNow)
                {
                    ended.Add(instance.Id);
                }
                else if (report?.AttachedVolumes is { } attached)
                {
                    disks[instance.Id] = attached;
                }
            }

            // Attaches and detaches the host confirmed, and the volumes of instances that ended, in the same unit of work.
            var deleting = disks.Count > 0 || ended.Count > 0
                ? await VolumeService.ReconcileAsync(session, disks, ended, ctx, ct).ConfigureAwait(false)
                : [];
            if (await session.SaveAsync(ct).ConfigureAwait(false) != ComputeStatus.Ok)
            {
                continue;
            }

            await volumes.FinishDeletingAsync(deleting, ct).ConfigureAwait(false);

            var desiredChanged = false;
            var freed = false;
            foreach (var (instance, events) in changes)
            {
                var before = DesiredPowerOf(instance);
                var held = instance.HoldsHost;
                foreach (var e in events)
                {
                    instance.When(e);
                }

                desiredChanged |= before != DesiredPowerOf(instance);
                freed |= held && !instance.HoldsHost;
            }

            // Wake the host's long-poll only when its desired state moved (a guest that powered
            // itself off, a finished termination, a save that ended); plain progress such as
            // prolog → running does not.
            if (desiredChanged || cameBack || savesEnded)
            {
                signals.HostChanged(host.Id);
            }

            // Wake the scheduler only when capacity came free or a host came back.
            if (freed || cameBack)
            {
                signals.InstancesPending();
            }

            return (revision, placed);
        }

        return null;
    }

    private async Task<SyncResponse> DesiredAsync(string hostId, CancellationToken ct)
    {
        var revision = time.GetUtcNow().UtcTicks;
        await using var session = store.OpenSession();
        var placed = await session.ListInstancesAsync(new InstanceQuery { HostId = hostId, HoldingHostOnly = true }, ct).ConfigureAwait(false);
        return (await DesiredOfAsync(session, placed, revision, ct).ConfigureAwait(false)).Desired;
    }

    /// <summary>
    /// The desired state of a host holding <paramref name="placed"/>, and whether it was made only of
    /// what <see cref="IComputeSession.HostInputsStampAsync"/> covers (not so when a security group
    /// admits the members of another group, whose addresses come from instances on other hosts).
    /// </summary>
    private async Task<(SyncResponse Desired, bool OwnInputsOnly)> DesiredOfAsync(IComputeSession session, IReadOnlyList<Instance> placed, long revision, CancellationToken ct)
    {
        var catalogue = await session.ListAsync<Image>(ct).ConfigureAwait(false);
        var images = catalogue.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var saving = DiskSaves.Pending(catalogue);
        var held = placed.Where(i => PowerOf(i, saving) is not null).ToList();
        var context = await DesiredContext.LoadAsync(session, options, held, ct).ConfigureAwait(false);
        var domains = new List<DesiredDomain>(held.Count);
        foreach (var i in held.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            if (PowerOf(i, saving) is { } power && images.TryGetValue(i.ImageId, out var image))
            {
                domains.Add(new DesiredDomain(i.Id, i.Cpus, i.MemoryMiB, DesiredImage.Of(image), power, i.RebootGeneration,
                    context.Of(i), context.DisksOf(i.Id), DiskSaves.Of(saving[i.Id]), Ingress: context.IngressOf(i)));
            }
        }

        return (new SyncResponse(HashOf(domains), domains, revision), !context.ReadsOtherHosts);
    }

    /// <summary>
    /// The power a host should hold an instance's domain in, given the saves still pending: a
    /// terminated instance whose disk is still to be saved is kept, shut off, until the save ends.
    /// </summary>
    private static DesiredPower? PowerOf(Instance i, ILookup<string, Image> saving) =>
        DesiredPowerOf(i) ?? (i.Intent == InstanceIntent.Terminate && i.State == InstanceState.Shutdown && saving.Contains(i.Id) ? DesiredPower.ShutOff : null);

    /// <summary>The power a host should hold an instance's domain in; null when it should hold none.</summary>
    internal static DesiredPower? DesiredPowerOf(Instance i) => i.Intent switch
    {
        _ when i.State is InstanceState.Epilog or InstanceState.Done or InstanceState.Failed or InstanceState.Pending => null,
        InstanceIntent.Terminate => null,
        InstanceIntent.Stop => DesiredPower.ShutOff,
        InstanceIntent.Suspend => DesiredPower.Paused,
        _ => DesiredPower.Running,
    };

    /// <summary>
    /// A digest of everything that shapes the hosts' domains: each domain exactly as the host
    /// receives it, so any change to a domain, its image, its context or its disks changes it.
    /// The domains are hashed one by one through a reused buffer: a host's whole desired state
    /// never becomes one string.
    /// </summary>
    internal static string HashOf(IEnumerable<DesiredDomain> domains)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer);
        foreach (var domain in domains)
        {
            JsonSerializer.Serialize(json, domain, NodeJson.Default.DesiredDomain);
            json.Flush();
            hash.AppendData(buffer.WrittenSpan);
            hash.AppendData("\n"u8);
            buffer.ResetWrittenCount();
            json.Reset(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    private static string HashToken(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
