namespace StandardsCloud.Storage.Ports;

/// <summary>The block device that backs an exported container: its volume id and the location computes attach it by.</summary>
public sealed record ExportedVolume(string VolumeId, string Identifier);

/// <summary>
/// Where a container's OCCI/iSCSI export is carried out (CDMI 1.1.1 §13): a compute core that backs
/// the container with a volume of its owner. The store decides what is asked; the port makes it so.
/// </summary>
public interface IContainerExports
{
    /// <summary>True when exports are carried out; false when the store runs without a compute core.</summary>
    bool Offered { get; }

    /// <summary>
    /// Backs container <paramref name="containerId"/> of <paramref name="owner"/> with a volume of
    /// <paramref name="sizeGiB"/> GiB that the instances <paramref name="computeIds"/> may attach, or
    /// sets those instances on the volume it has. A different size for an existing export is refused.
    /// </summary>
    Task<StorageResult<ExportedVolume>> ExportAsync(string owner, string containerId, int sizeGiB,
        IReadOnlyList<string> computeIds, CancellationToken ct);

    /// <summary>Removes the volume of the container's export; Conflict while it is attached. Nothing to remove succeeds.</summary>
    Task<StorageResult<ExportedVolume?>> UnexportAsync(string owner, string containerId, CancellationToken ct);
}

/// <summary>Exports with no compute core behind them: refused with a message saying so, never silently kept.</summary>
public sealed class NoContainerExports : IContainerExports
{
    public static NoContainerExports Instance { get; } = new();

    public bool Offered => false;

    public Task<StorageResult<ExportedVolume>> ExportAsync(string owner, string containerId, int sizeGiB,
        IReadOnlyList<string> computeIds, CancellationToken ct) =>
        Task.FromResult(StorageResult<ExportedVolume>.Fail(StorageStatus.InvalidRequest,
            "OCCI/iSCSI exports are not offered here: this store runs without a compute core to make volumes (cdmi_export_occi_iscsi is false)"));

    public Task<StorageResult<ExportedVolume?>> UnexportAsync(string owner, string containerId, CancellationToken ct) =>
        Task.FromResult(StorageResult<ExportedVolume?>.Done(null));
}
