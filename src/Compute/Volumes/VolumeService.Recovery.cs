namespace StandardsCloud.Compute.Volumes;

/// <summary>Finishing what a crash interrupted: every backend call is idempotent, so it is simply made again.</summary>
public sealed partial class VolumeService
{
    /// <summary>
    /// Finishes volumes left creating or deleting and snapshots left pending (run at server start);
    /// answers how many were finished. Running it twice, or while nothing is half done, changes nothing.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var actor = Actor.Core("volume-recovery");
        IReadOnlyList<Volume> creating, deleting;
        IReadOnlyList<Snapshot> pending;
        await using (var session = store.OpenSession())
        {
            creating = await session.QueryAsync<Volume>(v => v.State == VolumeState.Creating, ct).ConfigureAwait(false);
            deleting = await session.QueryAsync<Volume>(v => v.State == VolumeState.Deleting, ct).ConfigureAwait(false);
            pending = await session.QueryAsync<Snapshot>(s => s.State == SnapshotState.Pending, ct).ConfigureAwait(false);
        }

        foreach (var volume in creating)
        {
            await BuildAsync(actor, volume, ct).ConfigureAwait(false);
        }

        foreach (var volume in deleting)
        {
            await FinishDeletingAsync(actor, volume.Id, ct).ConfigureAwait(false);
        }

        foreach (var snapshot in pending)
        {
            await TakeAsync(actor, snapshot, ct).ConfigureAwait(false);
        }

        if (creating.Count + deleting.Count + pending.Count > 0)
        {
            Log.Recovered(logger, creating.Count + deleting.Count, pending.Count);
        }

        return creating.Count + deleting.Count + pending.Count;
    }
}
