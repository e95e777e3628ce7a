using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Volumes;

/// <summary>
/// The rules of volumes that back a storage container's export: who may attach them, how the
/// list of allowed instances changes, and when the export may go. Pure, like <see cref="VolumeRules"/>.
/// </summary>
public static class VolumeExportRules
{
    /// <summary>The most instances one export names.</summary>
    public const int MaxComputes = 256;

    /// <summary>Why <paramref name="instanceId"/> may not attach <paramref name="volume"/>, or null when it may (or the volume is no export).</summary>
    public static string? Refusal(Volume volume, string instanceId) =>
        volume.Export is not { } export || export.Computes.Contains(instanceId, StringComparer.Ordinal)
            ? null
            : $"volume {volume.Id} is the export of storage container {export.ContainerId}, whose permissions do not name instance {instanceId}; "
              + "only the instances the export names attach it";

    /// <summary>What is wrong with a list of instance ids an export names, or null.</summary>
    public static string? ComputesProblem(IReadOnlyCollection<string> computes)
    {
        if (computes.Count > MaxComputes)
        {
            return $"an export names at most {MaxComputes} instances; {computes.Count} were given";
        }

        var bad = computes.FirstOrDefault(c => !ResourceIds.IsWellFormed(c, ResourceIds.InstancePrefix));
        return bad is null ? null : $"'{(bad.Length > 64 ? bad[..64] + "…" : bad)}' is not an instance id";
    }

    /// <summary>Sets the instances allowed to attach; an instance still holding the volume cannot be left out.</summary>
    public static Outcome<IResourceEvent[]> SetComputes(Volume volume, IReadOnlyCollection<string> computes, EventContext ctx)
    {
        if (volume.Export is not { } export)
        {
            return Outcome<IResourceEvent[]>.Fail(ComputeStatus.IncorrectState, $"volume {volume.Id} is no export");
        }

        var wanted = computes.Distinct(StringComparer.Ordinal).ToList();
        var holding = volume.Attachments.Select(a => a.InstanceId).Where(i => !wanted.Contains(i, StringComparer.Ordinal)).ToList();
        if (holding.Count > 0)
        {
            return Outcome<IResourceEvent[]>.Fail(ComputeStatus.IncorrectState,
                $"volume {volume.Id} is attached to {string.Join(", ", holding)}; detach it there before the export stops naming {(holding.Count == 1 ? "it" : "them")}");
        }

        if (wanted.SequenceEqual(export.Computes, StringComparer.Ordinal))
        {
            return Outcome<IResourceEvent[]>.Ok([]);
        }

        export.Computes = wanted;
        return Outcome<IResourceEvent[]>.Ok([new VolumeExportChanged(ctx, wanted)]);
    }

    /// <summary>Ends the export: the volume goes to deleting, unless it is still attached.</summary>
    public static Outcome<IResourceEvent[]> Unexport(Volume volume, EventContext ctx) => volume switch
    {
        { Attachments.Count: > 0 } => Outcome<IResourceEvent[]>.Fail(ComputeStatus.IncorrectState,
            $"volume {volume.Id}, the export of storage container {volume.Export?.ContainerId}, is attached to "
            + $"{string.Join(", ", volume.Attachments.Select(a => a.InstanceId))}; detach it before the export or the container is removed"),
        { State: VolumeState.Deleting or VolumeState.Deleted } => Outcome<IResourceEvent[]>.Ok([]),
        { State: VolumeState.Available or VolumeState.Error } =>
            Outcome<IResourceEvent[]>.Ok([VolumeRules.Move(volume, VolumeState.Deleting, $"the export of storage container {volume.Export?.ContainerId} was removed", ctx)]),
        _ => Outcome<IResourceEvent[]>.Fail(ComputeStatus.IncorrectState, $"volume {volume.Id} is {VolumeRules.StateName(volume.State)} and cannot be removed now; retry"),
    };
}
