using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Volumes;

/// <summary>Snapshots: pending → completed (or error), owned by the volume's owner.</summary>
public sealed partial class VolumeService
{
    public async Task<Outcome<Snapshot>> SnapshotAsync(Actor actor, string volumeId, string? description, IReadOnlyDictionary<string, string>? tags, CancellationToken ct)
    {
        var tagChange = Tags.TagChange.Setting(tags ?? new Dictionary<string, string>());
        if ((NameProblem(null, description) ?? tagChange.Problem() ?? tagChange.Exceeds(new Dictionary<string, string>())) is { } problem)
        {
            return Outcome<Snapshot>.Fail(ComputeStatus.InvalidParameter, problem);
        }

        var ctx = EventContext.Of(actor, time);
        Snapshot snapshot;
        await using (var session = store.OpenSession())
        {
            if (await LoadVisibleAsync(session, actor, volumeId, ct).ConfigureAwait(false) is not { } volume)
            {
                return VolumeNotFound<Snapshot>(volumeId);
            }

            if (!actor.MayAccess(volume.Owner))
            {
                return Outcome<Snapshot>.Fail(ComputeStatus.Forbidden, $"volume {volumeId} belongs to {volume.Owner}; only its owner takes snapshots of it");
            }

            if (volume.ImageId is not null)
            {
                return Outcome<Snapshot>.Fail(ComputeStatus.IncorrectState, $"volume {volumeId} is a read-only disk of image {volume.ImageId} and has no data of its own to snapshot");
            }

            if (volume.State is not (VolumeState.Available or VolumeState.InUse))
            {
                return Outcome<Snapshot>.Fail(ComputeStatus.IncorrectState, $"volume {volumeId} is {VolumeRules.StateName(volume.State)}; a snapshot needs it available or in use");
            }

            await session.LockAsync(SnapshotQuotaLock(volume.Owner), ct).ConfigureAwait(false);
            if (await SnapshotQuotaProblemAsync(session, volume.Owner, ct).ConfigureAwait(false) is { } limit)
            {
                return Outcome<Snapshot>.OverQuota(QuotaKind.Snapshots, limit);
            }

            snapshot = new Snapshot
            {
                Id = ResourceIds.NewSnapshotId(),
                Owner = volume.Owner,
                VolumeId = volume.Id,
                SizeGiB = volume.SizeGiB,
                State = SnapshotState.Pending,
                Description = description,
                StartedAt = ctx.At,
                Tags = tags is null ? new(StringComparer.Ordinal) : new(tags, StringComparer.Ordinal),
            };
            session.Insert(snapshot);
            session.Record(ResourceStreams.Snapshot(snapshot.Id), new SnapshotStarted(ctx, snapshot.Owner, volume.Id, snapshot.SizeGiB));
            session.Record(ResourceStreams.Volume(volume.Id), new VolumeSnapshotTaken(ctx, snapshot.Id));
            var saved = await session.SaveAsync(ct).ConfigureAwait(false);
            if (saved != ComputeStatus.Ok)
            {
                return Outcome<Snapshot>.Fail(saved, "the snapshot could not be recorded; retry");
            }
        }

        return await TakeAsync(actor, snapshot, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<Snapshot>> GetSnapshotAsync(Actor actor, string snapshotId, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var snapshot = await session.LoadAsync<Snapshot>(snapshotId, ct).ConfigureAwait(false);
        return snapshot is not null && actor.MayAccess(snapshot.Owner) ? Outcome<Snapshot>.Ok(snapshot) : SnapshotNotFound<Snapshot>(snapshotId);
    }

    /// <summary>The actor's snapshots (an administrator's: every owner's), oldest first.</summary>
    public async Task<IReadOnlyList<Snapshot>> ListSnapshotsAsync(Actor actor, SnapshotQuery query, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var owner = actor.UserId;
        var found = actor.IsAdmin
            ? await session.ListAsync<Snapshot>(ct).ConfigureAwait(false)
            : await session.QueryAsync<Snapshot>(s => s.Owner == owner, ct).ConfigureAwait(false);
        return
        [
            .. found
                .Where(s => query.Ids.Count == 0 || query.Ids.Contains(s.Id))
                .Where(s => query.VolumeId is null || s.VolumeId == query.VolumeId)
                .OrderBy(s => s.StartedAt)
                .ThenBy(s => s.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>Deletes a completed (or failed) snapshot and its data; volumes made from it keep theirs.</summary>
    public async Task<Outcome<Snapshot>> DeleteSnapshotAsync(Actor actor, string snapshotId, CancellationToken ct)
    {
        var found = await GetSnapshotAsync(actor, snapshotId, ct).ConfigureAwait(false);
        if (!found.IsOk)
        {
            return found;
        }

        var snapshot = found.Value!;
        if (snapshot.State == SnapshotState.Pending)
        {
            return Outcome<Snapshot>.Fail(ComputeStatus.IncorrectState, $"snapshot {snapshotId} is still pending");
        }

        var removed = await backend.DeleteSnapshotAsync(snapshotId, ct).ConfigureAwait(false);
        if (!removed.IsOk)
        {
            Log.BackendFailed(logger, "delete", snapshotId, removed.Reason ?? "");
            return removed.As<Snapshot>();
        }

        await using var session = store.OpenSession();
        session.Delete<Snapshot>(snapshotId);
        session.Record(ResourceStreams.Snapshot(snapshotId), new SnapshotDeleted(EventContext.Of(actor, time)));
        var saved = await session.SaveAsync(ct).ConfigureAwait(false);
        return saved == ComputeStatus.Ok ? Outcome<Snapshot>.Ok(snapshot) : Outcome<Snapshot>.Fail(saved, $"snapshot {snapshotId} could not be deleted; retry");
    }

    /// <summary>Every change of a snapshot, oldest first.</summary>
    public async Task<Outcome<IReadOnlyList<HistoryEntry>>> SnapshotHistoryAsync(Actor actor, string snapshotId, CancellationToken ct)
    {
        var found = await GetSnapshotAsync(actor, snapshotId, ct).ConfigureAwait(false);
        if (!found.IsOk)
        {
            return found.As<IReadOnlyList<HistoryEntry>>();
        }

        await using var session = store.OpenSession();
        return Outcome<IReadOnlyList<HistoryEntry>>.Ok(await session.ResourceHistoryAsync(ResourceStreams.Snapshot(snapshotId), ct).ConfigureAwait(false));
    }

    private static string SnapshotQuotaLock(string owner) => "snapshot-quota:" + owner;

    // The owner's snapshot count: every snapshot but failed ones (they hold no data) counts.
    private async Task<string?> SnapshotQuotaProblemAsync(IComputeSession session, string owner, CancellationToken ct)
    {
        var user = await session.LoadAsync<Identity.User>(owner, ct).ConfigureAwait(false);
        if (Identity.QuotaCheck.Effective(user, options.DefaultQuota).Snapshots is not { } max)
        {
            return null;
        }

        var kept = (await session.QueryAsync<Snapshot>(s => s.Owner == owner, ct).ConfigureAwait(false)).Count(s => s.State != SnapshotState.Error);
        return kept >= max ? $"snapshot quota {max} reached ({kept} kept); delete a snapshot first" : null;
    }

    // Has the backend freeze the volume's data, then records completed (or error with the backend's reason).
    private async Task<Outcome<Snapshot>> TakeAsync(Actor actor, Snapshot snapshot, CancellationToken ct)
    {
        var taken = await backend.SnapshotAsync(snapshot.Id, snapshot.VolumeId, ct).ConfigureAwait(false);
        if (!taken.IsOk)
        {
            Log.BackendFailed(logger, "snapshot", snapshot.Id, taken.Reason ?? "");
        }

        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            if (await session.LoadAsync<Snapshot>(snapshot.Id, ct).ConfigureAwait(false) is not { } current)
            {
                return SnapshotNotFound<Snapshot>(snapshot.Id);
            }

            if (current.State != SnapshotState.Pending)
            {
                return Outcome<Snapshot>.Ok(current);
            }

            var to = taken.IsOk ? SnapshotState.Completed : SnapshotState.Error;
            var reason = taken.IsOk ? null : "the storage backend failed: " + taken.Reason;
            session.Record(ResourceStreams.Snapshot(current.Id), new SnapshotStateChanged(EventContext.Of(actor, time), current.State, to, reason));
            (current.State, current.StateReason) = (to, reason);
            session.Store(current);
            if (await session.SaveAsync(ct).ConfigureAwait(false) == ComputeStatus.Ok)
            {
                return Outcome<Snapshot>.Ok(current);
            }
        }

        return Outcome<Snapshot>.Fail(ComputeStatus.Conflict, $"snapshot {snapshot.Id} is changing too often; retry");
    }
}
