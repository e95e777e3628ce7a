using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Volumes;

/// <summary>What a storage container's export asks of the core: a volume of a size, and the instances allowed to attach it.</summary>
/// <param name="ContainerId">The container's ObjectID: the export's origin, one volume per container.</param>
public sealed record VolumeExportRequest(string ContainerId, int SizeGiB, IReadOnlyList<string> Computes);

/// <summary>Volumes that back storage containers' exports: made, re-permitted and removed for the container's owner.</summary>
public sealed partial class VolumeService
{
    /// <summary>A container's ObjectID has at most this many characters.</summary>
    public const int MaxContainerIdLength = 80;

    /// <summary>
    /// Makes the volume backing the export of container <see cref="VolumeExportRequest.ContainerId"/>, owned by
    /// <paramref name="owner"/>, or, when it has one, sets the instances allowed to attach it. The size of an
    /// existing export does not change: a different size is refused.
    /// </summary>
    public async Task<Outcome<Volume>> ExportAsync(Actor owner, VolumeExportRequest request, CancellationToken ct)
    {
        if (request.ContainerId is not { Length: > 0 and <= MaxContainerIdLength } || !request.ContainerId.All(char.IsAsciiHexDigit))
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, "a container is named by its ObjectID (hex digits)");
        }

        if (request.SizeGiB is < 1 or > MaxSizeGiB)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, $"an export of {request.SizeGiB} GiB is refused; allowed: 1 to {MaxSizeGiB} GiB");
        }

        if (VolumeExportRules.ComputesProblem(request.Computes) is { } problem)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, problem);
        }

        if (await FindExportAsync(request.ContainerId, ct).ConfigureAwait(false) is { } existing)
        {
            if (existing.SizeGiB != request.SizeGiB)
            {
                return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter,
                    $"volume {existing.Id} of the export has {existing.SizeGiB} GiB; {request.SizeGiB} GiB was asked, and an export's size does not change");
            }

            return await ChangeAsync(owner, existing.Id, (volume, ctx) => VolumeExportRules.SetComputes(volume, request.Computes, ctx), ct).ConfigureAwait(false);
        }

        var made = NewVolume(owner, new VolumeRequest(request.SizeGiB, Description: $"the export of storage container {request.ContainerId}"));
        made.SizeGiB = request.SizeGiB;
        made.Export = new VolumeExport { ContainerId = request.ContainerId, Computes = [.. request.Computes.Distinct(StringComparer.Ordinal)] };
        var built = await AdmitAndBuildAsync(owner, made, $"nothing (empty), for the export of storage container {request.ContainerId}", ct).ConfigureAwait(false);
        if (built is { IsOk: true, Value: { State: VolumeState.Error } failed })
        {
            // An export without its device would be a promise nobody keeps: the broken volume goes, and the export is refused.
            await UnexportAsync(owner, request.ContainerId, ct).ConfigureAwait(false);
            return Outcome<Volume>.Fail(ComputeStatus.IncorrectState, $"the export's volume could not be made: {failed.StateReason}");
        }

        return built;
    }

    /// <summary>Removes the volume of container <paramref name="containerId"/>'s export; refused while it is attached. Nothing to remove is fine.</summary>
    public async Task<Outcome<Volume?>> UnexportAsync(Actor actor, string containerId, CancellationToken ct)
    {
        if (await FindExportAsync(containerId, ct).ConfigureAwait(false) is not { } existing)
        {
            return Outcome<Volume?>.Ok(null);
        }

        var asked = await ChangeAsync(actor, existing.Id, (volume, ctx) => VolumeExportRules.Unexport(volume, ctx), ct).ConfigureAwait(false);
        if (!asked.IsOk)
        {
            return Outcome<Volume?>.Fail(asked.Status, asked.Reason ?? "");
        }

        var deleted = await FinishDeletingAsync(actor, existing.Id, ct).ConfigureAwait(false);
        return deleted.IsOk ? Outcome<Volume?>.Ok(deleted.Value) : Outcome<Volume?>.Fail(deleted.Status, deleted.Reason ?? "");
    }

    /// <summary>The live volume backing container <paramref name="containerId"/>'s export, if any.</summary>
    public async Task<Volume?> FindExportAsync(string containerId, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await LiveExportAsync(session, containerId, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Other owners' exported volumes attached to the actor's instances: the actor holds them through
    /// an export's permission without owning them, so they are not in the actor's volume listings.
    /// </summary>
    public async Task<IReadOnlyList<Volume>> ExportsOnOwnInstancesAsync(Actor actor, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var owner = actor.UserId;
        var exported = await session.QueryAsync<Volume>(v => v.Export != null && v.Owner != owner && v.State == VolumeState.InUse, ct).ConfigureAwait(false);
        if (exported.Count == 0)
        {
            return [];
        }

        var holders = exported.SelectMany(v => v.Attachments.Select(a => a.InstanceId)).ToHashSet(StringComparer.Ordinal);
        var mine = (await session.ListInstancesAsync(new InstanceQuery { Owner = owner, Ids = holders }, ct).ConfigureAwait(false))
            .Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        return [.. exported.Where(v => v.Attachments.Any(a => mine.Contains(a.InstanceId))).OrderBy(v => v.CreatedAt).ThenBy(v => v.Id, StringComparer.Ordinal)];
    }

    private static async Task<Volume?> LiveExportAsync(IComputeSession session, string containerId, CancellationToken ct) =>
        (await session.QueryAsync<Volume>(v => v.Export != null && v.Export.ContainerId == containerId, ct).ConfigureAwait(false))
            .Where(v => v.State is not (VolumeState.Deleting or VolumeState.Deleted))
            .OrderBy(v => v.CreatedAt)
            .FirstOrDefault();

    // Who may reach a volume to attach or detach it: whoever sees it, or anyone when it is an export (its permissions decide).
    private static async Task<Volume?> LoadReachableAsync(IComputeSession session, Actor actor, string volumeId, CancellationToken ct) =>
        await session.LoadAsync<Volume>(volumeId, ct).ConfigureAwait(false) is { } volume
        && volume.State != VolumeState.Deleted
        && (actor.MayAccess(volume.Owner) || volume.Visibility == VolumeVisibility.Public || volume.Export is not null)
            ? volume
            : null;
}
