using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage;

public sealed partial class ObjectStore
{
    /// <summary>True when OCCI/iSCSI exports are carried out (a compute core backs them with volumes).</summary>
    public bool ExportsOffered => exports.Offered;

    /// <summary>What a write leaves of a container's exports and its cdmi_assignedsize; null parts stay as the write says.</summary>
    private sealed record ExportPlan(Dictionary<string, string>? Exports, string? AssignedSize, bool MadeVolume)
    {
        public static ExportPlan Unchanged { get; } = new(null, null, false);
    }

    // CDMI 1.1.1 §13.6: an OCCI/iSCSI export backs the container with a block device the named computes attach;
    // §16.4: cdmi_assignedsize is the size that device reports.
    private async Task<StorageResult<ExportPlan>> PlanExportAsync(string owner, string containerId, StoredObject? existing,
        ContainerWrite write, CancellationToken ct)
    {
        var had = existing is not null && OcciIscsiExport.IsIn(existing.Exports);
        var exportsAfter = write.Exports ?? existing?.Exports;
        var wants = OcciIscsiExport.IsIn(exportsAfter);
        if (!had && !wants)
        {
            return StorageResult<ExportPlan>.Done(ExportPlan.Unchanged);
        }

        if (!wants)
        {
            var gone = await exports.UnexportAsync(owner, containerId, ct);
            return gone.Succeeded
                ? StorageResult<ExportPlan>.Done(ExportPlan.Unchanged)
                : StorageResult<ExportPlan>.Fail(gone.Status, gone.Message);
        }

        var (asked, sizeError) = OcciIscsiExport.ReadAssignedSize(write.Metadata.ApplyTo(existing?.Metadata ?? new Dictionary<string, string>()));
        if (sizeError is not null)
        {
            return StorageResult<ExportPlan>.Fail(StorageStatus.InvalidRequest, sizeError);
        }

        int? current = had ? OcciIscsiExport.WholeGiB(OcciIscsiExport.ReadAssignedSize(existing!.Metadata).Bytes ?? OcciIscsiExport.GiB) : null;
        var size = asked is { } bytes ? OcciIscsiExport.WholeGiB(bytes) : current ?? OcciIscsiExport.DefaultSizeGiB;
        if (current is { } now && size != now)
        {
            return StorageResult<ExportPlan>.Fail(StorageStatus.InvalidRequest, size < now
                ? $"'{existing!.Path}' is exported as a block device of {now} GiB; cdmi_assignedsize cannot shrink it to {size} GiB"
                : $"'{existing!.Path}' is exported as a block device of {now} GiB; growing it to {size} GiB is refused: resize not offered");
        }

        var sizeText = OcciIscsiExport.RenderSize(size);
        if (had && write.Exports is null)
        {
            return StorageResult<ExportPlan>.Done(new ExportPlan(null, sizeText, false));
        }

        var exportJson = exportsAfter![OcciIscsiExport.Protocol];
        var (computes, permissionError) = OcciIscsiExport.ReadComputes(exportJson);
        if (computes is null)
        {
            return StorageResult<ExportPlan>.Fail(StorageStatus.InvalidRequest, permissionError!);
        }

        var made = await exports.ExportAsync(owner, containerId, size, computes, ct);
        if (!made.Succeeded)
        {
            return StorageResult<ExportPlan>.Fail(made.Status, made.Message);
        }

        var kept = new Dictionary<string, string>(exportsAfter, StringComparer.Ordinal)
        {
            [OcciIscsiExport.Protocol] = OcciIscsiExport.WithIdentifier(exportJson, made.Value!.Identifier),
        };
        return StorageResult<ExportPlan>.Done(new ExportPlan(kept, sizeText, !had));
    }

    // A container's write that made a volume and then failed leaves no volume behind.
    private async Task UndoExportAsync(string owner, string containerId, ExportPlan plan, CancellationToken ct)
    {
        if (plan.MadeVolume)
        {
            await exports.UnexportAsync(owner, containerId, ct);
        }
    }

    /// <summary>Removes the volumes of the containers' exports; on a refusal, those already removed lose their export entry.</summary>
    private async Task<StorageResult<StoredObject>?> UnexportAllAsync(IEnumerable<StoredObject> doomed, CancellationToken ct)
    {
        var done = new List<StoredObject>();
        foreach (var container in doomed.Where(d => d.Kind == ObjectKind.Container && OcciIscsiExport.IsIn(d.Exports)))
        {
            var gone = await exports.UnexportAsync(container.Owner, container.Id, ct);
            if (!gone.Succeeded)
            {
                foreach (var unexported in done)
                {
                    await catalog.UpdateAsync(unexported.Id, c => c with { Exports = WithoutOcciIscsi(c.Exports) }, ct);
                }

                return StorageResult<StoredObject>.Fail(gone.Status, $"'{container.Path}': {gone.Message}");
            }

            done.Add(container);
        }

        return null;
    }

    /// <summary>Exports without the OCCI/iSCSI one: a copy gets no block device of its own unless its write asks for one.</summary>
    private static Dictionary<string, string> WithoutOcciIscsi(IReadOnlyDictionary<string, string> exports)
    {
        var rest = new Dictionary<string, string>(exports, StringComparer.Ordinal);
        rest.Remove(OcciIscsiExport.Protocol);
        return rest;
    }
}
