using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Scheduling;

/// <summary>
/// Places waiting instances on hosts. One pass sees every online host and every instance already
/// holding one, so as long as one scheduler runs at a time (the server makes sure) no host is
/// promised more than it has. Instances that fit nowhere stay pending for the next pass.
/// </summary>
public sealed class InstanceScheduler(IComputeStore store, ComputeOptions options, TimeProvider time, CoreSignals signals)
{
    private const int BatchSize = 1000;

    /// <summary>Runs one pass; returns how many instances were placed.</summary>
    public async Task<int> PlacePendingAsync(CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var pending = await session.ListInstancesAsync(new InstanceQuery { States = [InstanceState.Pending], Limit = BatchSize }, ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        var slots = await SlotsAsync(session, ct).ConfigureAwait(false);
        var ctx = EventContext.Of(Actor.Core("scheduler"), time);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var placed = 0;
        foreach (var instance in pending)
        {
            var demand = new Demand(instance.Cpus, instance.MemoryMiB, instance.RequiredHost);
            var slot = MatchMaker.Choose(slots, demand, options.Placement);
            if (slot is null)
            {
                continue;
            }

            slot.Take(demand);
            touched.Add(slot.HostId);
            placed++;
            session.AppendInstance(instance.Id, instance.Version,
            [
                new InstancePlaced(ctx, slot.HostId),
                new InstanceTransitioned(ctx, InstanceState.Pending, InstanceState.Prolog, $"placed on {slot.HostName}"),
            ]);
        }

        if (touched.Count == 0 || await session.SaveAsync(ct).ConfigureAwait(false) != ComputeStatus.Ok)
        {
            return 0;
        }

        foreach (var hostId in touched)
        {
            signals.HostChanged(hostId);
        }

        return placed;
    }

    private static async Task<List<HostSlot>> SlotsAsync(IComputeSession session, CancellationToken ct)
    {
        var hosts = (await session.ListAsync<Host>(ct).ConfigureAwait(false))
            .Where(h => h.Status == HostStatus.Online)
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var slots = hosts.Select(h => new HostSlot(h.Id, h.Name, h.Cpus, h.MemoryMiB)).ToList();
        var byId = slots.ToDictionary(s => s.HostId, StringComparer.Ordinal);
        foreach (var share in await session.HostSharesAsync(ct).ConfigureAwait(false))
        {
            if (byId.TryGetValue(share.HostId, out var slot))
            {
                slot.Take(new Demand(share.Cpus, share.MemoryMiB));
            }
        }

        return slots;
    }
}
