using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>CreateSnapshot, DescribeSnapshots and DeleteSnapshot over the core's snapshots.</summary>
public sealed class SnapshotActions(VolumeService volumes, VolumeLookup lookup, Ec2Options options)
{
    // EC2 API reference, CreateSnapshot: VolumeId is required.
    public async Task<Ec2Change> CreateSnapshotAsync(Ec2Call call)
    {
        var (volume, error) = await lookup.FindVolumeAsync(call, call.Query.Get("VolumeId"));
        if (error is not null)
        {
            return error;
        }

        if (volume!.State is not (VolumeState.Available or VolumeState.InUse))
        {
            return Ec2Result.Fail(Ec2ErrorCode.IncorrectState, $"The volume '{volume.Id}' is '{VolumeStates.Of(volume.State)}'; only an available or in-use volume can be snapshotted.");
        }

        var (tags, badTags) = TagParameters.FromSpecifications(call.Query, "snapshot");
        if (badTags is not null)
        {
            return badTags;
        }

        return Ec2Change.To(async () =>
        {
            var taken = await volumes.SnapshotAsync(call.Actor, volume.Id, call.Query.Get("Description"), tags, call.Cancellation);
            return taken.IsOk ? call.Respond(w => w.Snapshot(taken.Value!)) : VolumeLookup.Refused(taken, volume.Id);
        });
    }

    // EC2 API reference, DescribeSnapshots: SnapshotId.N, Owner.N (ids or "self"), RestorableBy.N, filters, paging.
    public async Task<Ec2Result> DescribeSnapshotsAsync(Ec2Call call)
    {
        var ids = call.Query.List("SnapshotId");
        var owners = call.Query.List("Owner");
        var ownerIds = call.Query.List("OwnerId");
        var filters = call.Query.Filters();
        if (!ids.IsValid || !owners.IsValid || !ownerIds.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, ids.Error ?? owners.Error ?? ownerIds.Error ?? filters.Error!);
        }

        var (paging, badPaging) = Paging.Read(call, options, ids.Count, "SnapshotId");
        if (badPaging is not null)
        {
            return badPaging;
        }

        var (named, missing) = await lookup.ListSnapshotsAsync(call, ids);
        var (selected, invalid) = missing is null ? ResourceFilters.Apply(named, filters, VolumeFilters.Snapshots) : ([], missing);
        if (invalid is not null)
        {
            return invalid;
        }

        // Only the caller's own snapshots are listed: naming owners keeps them only when one of those is the caller.
        var askedOwners = owners.Concat(ownerIds).ToList();
        if (askedOwners.Count > 0 && !askedOwners.Any(o => AccountIds.Names(o, call.Actor.UserId, call.Actor.UserId)))
        {
            selected = [];
        }

        var (page, next) = paging!.Take(selected, options);
        return call.Respond(w => w
            .Set("snapshotSet", page, (item, s) => item.Snapshot(s))
            .Element("nextToken", next));
    }

    public async Task<Ec2Change> DeleteSnapshotAsync(Ec2Call call)
    {
        var (snapshot, error) = await lookup.FindSnapshotAsync(call, call.Query.Get("SnapshotId"));
        if (error is not null)
        {
            return error;
        }

        return Ec2Change.To(async () =>
        {
            var deleted = await volumes.DeleteSnapshotAsync(call.Actor, snapshot!.Id, call.Cancellation);
            return deleted.IsOk ? call.Respond(w => w.Element("return", true)) : VolumeLookup.Refused(deleted, snapshot.Id);
        });
    }
}
