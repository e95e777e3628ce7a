using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Ports;

/// <summary>
/// Where volume and snapshot data lives. The default keeps qcow2 files in a storage directory that
/// the hosts see; a Ceph RBD or LVM backend implements the same calls and answers its own
/// <see cref="DiskSource"/> kinds. Every call is idempotent: repeating one after a crash is safe.
/// </summary>
public interface IVolumeBackend
{
    /// <summary>A new empty volume of <paramref name="sizeGiB"/> GiB.</summary>
    Task<Outcome<DiskSource>> CreateAsync(string volumeId, int sizeGiB, CancellationToken ct);

    /// <summary>A new volume holding a snapshot's data, grown to <paramref name="sizeGiB"/> GiB.</summary>
    Task<Outcome<DiskSource>> CreateFromSnapshotAsync(string volumeId, string snapshotId, int sizeGiB, CancellationToken ct);

    /// <summary>A new volume whose writes are its own and whose reads fall through to <paramref name="originId"/>'s data as it is now.</summary>
    Task<Outcome<DiskSource>> CopyOnWriteAsync(string volumeId, string originId, int sizeGiB, CancellationToken ct);

    /// <summary>Freezes a volume's current data as a snapshot (crash-consistent while attached).</summary>
    Task<Outcome<bool>> SnapshotAsync(string snapshotId, string volumeId, CancellationToken ct);

    /// <summary>Removes a volume's data; data already gone is fine.</summary>
    Task<Outcome<bool>> DeleteVolumeAsync(string volumeId, CancellationToken ct);

    /// <summary>Removes a snapshot's data; data already gone is fine.</summary>
    Task<Outcome<bool>> DeleteSnapshotAsync(string snapshotId, CancellationToken ct);

    /// <summary>
    /// Where a host writes the raw image saved from an instance's disk, on storage the core and
    /// every host see at that path; null when this backend keeps no saved images.
    /// </summary>
    string? SavedImagePath(string imageId);

    /// <summary>Removes a saved image's file; a file already gone is fine.</summary>
    Task<Outcome<bool>> DeleteSavedImageAsync(string imageId, CancellationToken ct);
}
