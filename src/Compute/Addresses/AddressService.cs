using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Addresses;

/// <summary>
/// Public addresses from the site's pool: allocate, associate with an instance (moving it from
/// any other), disassociate, release, list. An address of an instance that is done counts as
/// disassociated.
/// </summary>
public sealed class AddressService(IComputeStore store, ComputeOptions options, TimeProvider time)
{
    private const int ConflictRetries = 8;

    public async Task<Outcome<PublicAddress>> AllocateAsync(Actor actor, string domain, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            var all = await session.ListAsync<PublicAddress>(ct).ConfigureAwait(false);
            var owned = all.Count(a => a.Owner == actor.UserId);
            if (owned >= options.AddressesPerOwner)
            {
                return Outcome<PublicAddress>.Fail(ComputeStatus.QuotaExceeded,
                    $"The maximum number of addresses ({options.AddressesPerOwner}) has been reached.");
            }

            var free = options.PublicAddresses.PickFree(all.Select(a => a.PublicIp).ToHashSet(StringComparer.Ordinal), 1);
            if (free.Count == 0)
            {
                return Outcome<PublicAddress>.Fail(ComputeStatus.QuotaExceeded,
                    "The site's pool of public addresses is exhausted (or empty: see network.publicAddresses).") with { Quota = QuotaKind.PublicAddresses };
            }

            var ctx = EventContext.Of(actor, time);
            var address = new PublicAddress
            {
                Id = ResourceIds.NewAllocationId(),
                Owner = actor.UserId,
                PublicIp = free[0],
                Domain = domain,
                AllocatedAt = ctx.At,
            };
            session.Insert(address);
            session.Record(Stream(address), new AddressAllocated(ctx, address.PublicIp, address.Owner));
            if (await session.SaveAsync(ct).ConfigureAwait(false) == ComputeStatus.Ok)
            {
                return Outcome<PublicAddress>.Ok(address);
            }
        }

        return Outcome<PublicAddress>.Fail(ComputeStatus.Conflict, "Addresses are being allocated too quickly; retry.");
    }

    /// <summary>The caller's addresses; associations with instances that are done are left out.</summary>
    public async Task<IReadOnlyList<PublicAddress>> ListAsync(Actor actor, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var owned = await session.QueryAsync<PublicAddress>(a => a.Owner == actor.UserId, ct).ConfigureAwait(false);
        foreach (var address in owned.Where(a => a.InstanceId is not null))
        {
            var instance = await session.FindInstanceAsync(address.InstanceId!, ct).ConfigureAwait(false);
            if (instance is null || InstanceLifecycle.IsFinal(instance.State))
            {
                address.InstanceId = null;
                address.AssociationId = null;
            }
        }

        return [.. owned.OrderBy(a => a.AllocatedAt)];
    }

    /// <summary>One of the caller's addresses by allocation id or public IP, live associations only.</summary>
    public async Task<PublicAddress?> FindAsync(Actor actor, string allocationIdOrIp, CancellationToken ct) =>
        (await ListAsync(actor, ct).ConfigureAwait(false)).FirstOrDefault(a => a.Id == allocationIdOrIp || a.PublicIp == allocationIdOrIp);

    /// <summary>Associates the address with the instance, taking it from any other and replacing the instance's previous one.</summary>
    public async Task<Outcome<PublicAddress>> AssociateAsync(Actor actor, string allocationIdOrIp, string instanceId, CancellationToken ct)
    {
        var owned = await ListAsync(actor, ct).ConfigureAwait(false);
        if (owned.FirstOrDefault(a => a.Id == allocationIdOrIp || a.PublicIp == allocationIdOrIp) is not { } address)
        {
            return Outcome<PublicAddress>.Fail(ComputeStatus.NotFound, $"The address '{allocationIdOrIp}' does not exist");
        }

        await using var session = store.OpenSession();
        var instance = await session.FindInstanceAsync(instanceId, ct).ConfigureAwait(false);
        if (instance is null || instance.Owner != actor.UserId)
        {
            return Outcome<PublicAddress>.Fail(ComputeStatus.NotFound, $"The instance ID '{instanceId}' does not exist");
        }

        if (InstanceLifecycle.IsFinal(instance.State) || instance.State == InstanceState.Failed)
        {
            return Outcome<PublicAddress>.Fail(ComputeStatus.IncorrectState, $"The instance '{instanceId}' is not in a valid state for this operation.");
        }

        var ctx = EventContext.Of(actor, time);
        foreach (var previous in owned.Where(a => a.InstanceId == instanceId && a.Id != address.Id))
        {
            Disassociate(session, ctx, previous);
        }

        if (address.InstanceId is not null && address.InstanceId != instanceId)
        {
            Disassociate(session, ctx, address);
        }

        if (address.InstanceId != instanceId)
        {
            address.InstanceId = instanceId;
            address.AssociationId = ResourceIds.NewAssociationId();
            session.Store(address);
            session.Record(Stream(address), new AddressAssociated(ctx, instanceId, address.AssociationId));
        }

        var saved = await session.SaveAsync(ct).ConfigureAwait(false);
        return saved == ComputeStatus.Ok ? Outcome<PublicAddress>.Ok(address) : Outcome<PublicAddress>.Fail(saved, "The address changed meanwhile; retry.");
    }

    /// <summary>Ends the association named by its id or by the address; an address not associated is left as it is.</summary>
    public async Task<ComputeStatus> DisassociateAsync(Actor actor, string associationIdOrIp, CancellationToken ct)
    {
        var owned = await ListAsync(actor, ct).ConfigureAwait(false);
        if (owned.FirstOrDefault(a => (a.AssociationId is not null && a.AssociationId == associationIdOrIp) || a.PublicIp == associationIdOrIp) is not { } address)
        {
            return ComputeStatus.NotFound;
        }

        if (address.InstanceId is null)
        {
            return ComputeStatus.Ok;
        }

        await using var session = store.OpenSession();
        Disassociate(session, EventContext.Of(actor, time), address);
        return await session.SaveAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Returns the address to the pool, ending its association first.</summary>
    public async Task<ComputeStatus> ReleaseAsync(Actor actor, string allocationIdOrIp, CancellationToken ct)
    {
        if (await FindAsync(actor, allocationIdOrIp, ct).ConfigureAwait(false) is not { } address)
        {
            return ComputeStatus.NotFound;
        }

        await using var session = store.OpenSession();
        var ctx = EventContext.Of(actor, time);
        if (address.InstanceId is not null)
        {
            session.Record(Stream(address), new AddressDisassociated(ctx, address.InstanceId));
        }

        session.Delete<PublicAddress>(address.Id);
        session.Record(Stream(address), new AddressReleased(ctx));
        return await session.SaveAsync(ct).ConfigureAwait(false);
    }

    private static void Disassociate(IComputeSession session, EventContext ctx, PublicAddress address)
    {
        session.Record(Stream(address), new AddressDisassociated(ctx, address.InstanceId!));
        address.InstanceId = null;
        address.AssociationId = null;
        session.Store(address);
    }

    private static string Stream(PublicAddress address) => ResourceStreams.Address(address.Id);
}
