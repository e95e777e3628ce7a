using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Mapping;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Ports;

namespace StandardsCloud.Server.Volumes;

/// <summary>
/// Carries out containers' OCCI/iSCSI exports with the core's volumes: one volume per exported
/// container, owned by the container's owner; its identifier is the volume's OCCI storage location,
/// which the computes the export names attach through a storage link.
/// </summary>
public sealed class VolumeContainerExports(VolumeService volumes) : IContainerExports
{
    private const string Via = "cdmi";

    public bool Offered => true;

    public async Task<StorageResult<ExportedVolume>> ExportAsync(string owner, string containerId, int sizeGiB,
        IReadOnlyList<string> computeIds, CancellationToken ct)
    {
        // The volume is the container owner's, and so are its quota and the events that record it.
        var made = await volumes.ExportAsync(new Actor(owner, false, Via), new VolumeExportRequest(containerId, sizeGiB, computeIds), ct).ConfigureAwait(false);
        return made.IsOk
            ? StorageResult<ExportedVolume>.Done(new ExportedVolume(made.Value!.Id, StorageViews.LocationOf(made.Value)))
            : StorageResult<ExportedVolume>.Fail(StatusOf(made.Status), made.Reason ?? "the export's volume could not be made");
    }

    public async Task<StorageResult<ExportedVolume?>> UnexportAsync(string owner, string containerId, CancellationToken ct)
    {
        var gone = await volumes.UnexportAsync(new Actor(owner, false, Via), containerId, ct).ConfigureAwait(false);
        return gone.IsOk
            ? StorageResult<ExportedVolume?>.Done(gone.Value is { } v ? new ExportedVolume(v.Id, StorageViews.LocationOf(v)) : null)
            : StorageResult<ExportedVolume?>.Fail(StatusOf(gone.Status), gone.Reason ?? "the export's volume could not be removed");
    }

    /// <summary>The core's answers as the store's: a volume in use is a conflict, a quota a refusal.</summary>
    public static StorageStatus StatusOf(ComputeStatus status) => status switch
    {
        ComputeStatus.InvalidParameter => StorageStatus.InvalidRequest,
        ComputeStatus.QuotaExceeded or ComputeStatus.Forbidden or ComputeStatus.NotPermitted => StorageStatus.Forbidden,
        ComputeStatus.NotFound => StorageStatus.NotFound,
        _ => StorageStatus.Conflict,
    };
}
