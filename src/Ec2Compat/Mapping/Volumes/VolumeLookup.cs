using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>
/// The caller's own volumes and snapshots named by an action. Another owner's volume, even a
/// public one, does not exist for EC2 callers; nor does a deleted volume.
/// </summary>
public sealed class VolumeLookup(VolumeService volumes)
{
    public async Task<(Volume? Volume, Ec2Result? Error)> FindVolumeAsync(Ec2Call call, string? id, string parameter = "VolumeId")
    {
        if (id is not { Length: > 0 })
        {
            return (null, Missing(parameter));
        }

        if (!ResourceIds.IsWellFormed(id, ResourceIds.VolumePrefix))
        {
            return (null, MalformedVolume(id));
        }

        var found = await volumes.GetAsync(call.Actor, id, call.Cancellation);
        return found.IsOk && Owned(call, found.Value!) ? (found.Value, null) : (null, VolumeNotFound(id));
    }

    public async Task<(Snapshot? Snapshot, Ec2Result? Error)> FindSnapshotAsync(Ec2Call call, string? id, string parameter = "SnapshotId")
    {
        if (id is not { Length: > 0 })
        {
            return (null, Missing(parameter));
        }

        if (!ResourceIds.IsWellFormed(id, ResourceIds.SnapshotPrefix))
        {
            return (null, MalformedSnapshot(id));
        }

        var found = await volumes.GetSnapshotAsync(call.Actor, id, call.Cancellation);
        return found.IsOk && found.Value!.Owner == call.Actor.UserId ? (found.Value, null) : (null, SnapshotNotFound(id));
    }

    /// <summary>The caller's volumes, those named by <paramref name="ids"/> when any; a named one that is not there is NotFound.</summary>
    public async Task<(IReadOnlyList<Volume> Volumes, Ec2Result? Error)> ListVolumesAsync(Ec2Call call, IReadOnlyList<string> ids)
    {
        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.VolumePrefix)) is { } malformed)
        {
            return ([], MalformedVolume(malformed));
        }

        var listed = await volumes.ListAsync(call.Actor, new VolumeQuery { Ids = ids }, call.Cancellation);
        var own = listed.Where(v => Owned(call, v)).OrderBy(v => v.CreatedAt).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
        return ResourceFilters.Named(own, ids, v => v.Id, VolumeNotFound);
    }

    /// <summary>The caller's snapshots, those named by <paramref name="ids"/> when any.</summary>
    public async Task<(IReadOnlyList<Snapshot> Snapshots, Ec2Result? Error)> ListSnapshotsAsync(Ec2Call call, IReadOnlyList<string> ids)
    {
        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.SnapshotPrefix)) is { } malformed)
        {
            return ([], MalformedSnapshot(malformed));
        }

        var listed = await volumes.ListSnapshotsAsync(call.Actor, new SnapshotQuery { Ids = ids }, call.Cancellation);
        var own = listed.Where(s => s.Owner == call.Actor.UserId).OrderBy(s => s.StartedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        return ResourceFilters.Named(own, ids, s => s.Id, SnapshotNotFound);
    }

    public static Ec2Result VolumeNotFound(string id) => Ec2Result.Fail(Ec2ErrorCode.InvalidVolumeNotFound, $"The volume '{id}' does not exist.");

    public static Ec2Result SnapshotNotFound(string id) => Ec2Result.Fail(Ec2ErrorCode.InvalidSnapshotNotFound, $"The snapshot '{id}' does not exist.");

    public static Ec2Result MalformedVolume(string id) => Ec2Result.Fail(Ec2ErrorCode.InvalidVolumeMalformed, $"Invalid id: \"{Clip(id)}\" (expecting \"vol-...\")");

    public static Ec2Result MalformedSnapshot(string id) => Ec2Result.Fail(Ec2ErrorCode.InvalidSnapshotMalformed, $"Invalid id: \"{Clip(id)}\" (expecting \"snap-...\")");

    public static Ec2Result Missing(string parameter) => Ec2Result.Fail(Ec2ErrorCode.MissingParameter, $"The request must contain the parameter {parameter}");

    /// <summary>A core refusal of a request on the volume or snapshot <paramref name="id"/>, as EC2 codes it.</summary>
    public static Ec2Result Refused<T>(Outcome<T> outcome, string id) => outcome.Status switch
    {
        ComputeStatus.NotFound when id.Length == 0 => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, outcome.Reason!),
        ComputeStatus.NotFound when id.StartsWith(ResourceIds.SnapshotPrefix, StringComparison.Ordinal) => SnapshotNotFound(id),
        ComputeStatus.NotFound => VolumeNotFound(id),
        ComputeStatus.IncorrectState => Ec2Result.Fail(Ec2ErrorCode.IncorrectState, outcome.Reason!),
        ComputeStatus.QuotaExceeded => Ec2Result.Fail(outcome.Quota == QuotaKind.Snapshots ? Ec2ErrorCode.SnapshotLimitExceeded : Ec2ErrorCode.VolumeLimitExceeded, outcome.Reason!),
        ComputeStatus.Conflict => Ec2Result.Fail(Ec2ErrorCode.RequestLimitExceeded, outcome.Reason!),
        ComputeStatus.NotPermitted or ComputeStatus.Forbidden => Ec2Result.Fail(Ec2ErrorCode.OperationNotPermitted, outcome.Reason!),
        _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, outcome.Reason!),
    };

    // Only the caller's own, live volumes.
    private static bool Owned(Ec2Call call, Volume v) => v.Owner == call.Actor.UserId && v.State != VolumeState.Deleted;

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
