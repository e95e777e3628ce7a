using System.Collections.Concurrent;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Ports;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.TestKit;

/// <summary>
/// A volume backend that keeps sizes in memory: volumes are "files" under /fake, and every create
/// fails with a reason while <see cref="FailCreates"/> is set, as on a full disk.
/// </summary>
public sealed class FakeVolumeBackend : IVolumeBackend
{
    public ConcurrentDictionary<string, int> Volumes { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, int> Snapshots { get; } = new(StringComparer.Ordinal);

    /// <summary>Make every create fail while true.</summary>
    public bool FailCreates { get; set; }

    public Task<Outcome<DiskSource>> CreateAsync(string volumeId, int sizeGiB, CancellationToken ct) => Made(volumeId, sizeGiB);

    public Task<Outcome<DiskSource>> CreateFromSnapshotAsync(string volumeId, string snapshotId, int sizeGiB, CancellationToken ct) =>
        Snapshots.ContainsKey(snapshotId) ? Made(volumeId, sizeGiB) : Task.FromResult(Outcome<DiskSource>.Fail(ComputeStatus.NotFound, $"no data for {snapshotId}"));

    public Task<Outcome<DiskSource>> CopyOnWriteAsync(string volumeId, string originId, int sizeGiB, CancellationToken ct) =>
        Volumes.ContainsKey(originId) ? Made(volumeId, sizeGiB) : Task.FromResult(Outcome<DiskSource>.Fail(ComputeStatus.NotFound, $"no data for {originId}"));

    public Task<Outcome<bool>> SnapshotAsync(string snapshotId, string volumeId, CancellationToken ct)
    {
        if (!Volumes.TryGetValue(volumeId, out var size))
        {
            return Task.FromResult(Outcome<bool>.Fail(ComputeStatus.NotFound, $"no data for {volumeId}"));
        }

        Snapshots[snapshotId] = size;
        return Task.FromResult(Outcome<bool>.Ok(true));
    }

    /// <summary>Keeps no saved images.</summary>
    public string? SavedImagePath(string imageId) => null;

    public Task<Outcome<bool>> DeleteSavedImageAsync(string imageId, CancellationToken ct) => Task.FromResult(Outcome<bool>.Ok(true));

    public Task<Outcome<bool>> DeleteVolumeAsync(string volumeId, CancellationToken ct)
    {
        Volumes.TryRemove(volumeId, out _);
        return Task.FromResult(Outcome<bool>.Ok(true));
    }

    public Task<Outcome<bool>> DeleteSnapshotAsync(string snapshotId, CancellationToken ct)
    {
        Snapshots.TryRemove(snapshotId, out _);
        return Task.FromResult(Outcome<bool>.Ok(true));
    }

    private Task<Outcome<DiskSource>> Made(string volumeId, int sizeGiB)
    {
        if (FailCreates)
        {
            return Task.FromResult(Outcome<DiskSource>.Fail(ComputeStatus.IncorrectState, "no space left on the fake device"));
        }

        Volumes[volumeId] = sizeGiB;
        return Task.FromResult(Outcome<DiskSource>.Ok(new DiskSource(DiskSourceKind.File, "/fake/" + volumeId + ".qcow2")));
    }
}
