using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>CreateVolume, DescribeVolumes, AttachVolume, DetachVolume and DeleteVolume over the core's volumes.</summary>
public sealed class VolumeActions(VolumeService volumes, VolumeLookup lookup, InstanceLookup instances, Ec2Options options)
{
    // EC2 API reference, CreateVolume: AvailabilityZone is required, and Size or SnapshotId.
    public async Task<Ec2Change> CreateVolumeAsync(Ec2Call call)
    {
        var q = call.Query;
        if (q.Get("AvailabilityZone") is not { Length: > 0 } zone)
        {
            return VolumeLookup.Missing("AvailabilityZone");
        }

        if (zone != options.Zone)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Invalid availability zone: [{zone}]");
        }

        var (size, badSize) = VolumeParameters.Size(q.Parameters, "Size");
        var type = q.Get("VolumeType");
        var refusal = badSize ?? VolumeParameters.TypeRefusal(type, "VolumeType") ?? VolumeParameters.EncryptionRefusal(q.Parameters, "Encrypted");
        if (refusal is not null)
        {
            return refusal;
        }

        var snapshotId = q.Get("SnapshotId") is { Length: > 0 } given ? given : null;
        if (size is null && snapshotId is null)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Size or SnapshotId");
        }

        if (snapshotId is not null && (await lookup.FindSnapshotAsync(call, snapshotId)).Error is { } noSnapshot)
        {
            return noSnapshot;
        }

        var (tags, badTags) = TagParameters.FromSpecifications(q, "volume");
        if (badTags is not null)
        {
            return badTags;
        }

        return Ec2Change.To(async () =>
        {
            var created = await volumes.CreateAsync(call.Actor,
                new VolumeRequest(size, snapshotId, AvailabilityZone: zone, Tags: tags, ClientToken: q.Get("ClientToken"), StorageClass: type), call.Cancellation);
            return created.IsOk
                ? call.Respond(w => w.Volume(created.Value!))
                : VolumeLookup.Refused(created, snapshotId ?? "");
        });
    }

    public async Task<Ec2Result> DescribeVolumesAsync(Ec2Call call)
    {
        var ids = call.Query.List("VolumeId");
        var filters = call.Query.Filters();
        if (!ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, ids.Error ?? filters.Error!);
        }

        var (paging, badPaging) = Paging.Read(call, options, ids.Count, "VolumeId");
        if (badPaging is not null)
        {
            return badPaging;
        }

        var (named, missing) = await lookup.ListVolumesAsync(call, ids);
        var (selected, invalid) = missing is null ? ResourceFilters.Apply(named, filters, VolumeFilters.Volumes) : ([], missing);
        if (invalid is not null)
        {
            return invalid;
        }

        var (page, next) = paging!.Take(selected, options);
        return call.Respond(w => w
            .Set("volumeSet", page, (item, v) => item.Volume(v))
            .Element("nextToken", next));
    }

    // EC2 API reference, AttachVolume: Device, InstanceId and VolumeId are required.
    public async Task<Ec2Change> AttachVolumeAsync(Ec2Call call)
    {
        var q = call.Query;
        if (MissingOf(q, "VolumeId", "InstanceId", "Device") is { } missingParameter)
        {
            return missingParameter;
        }

        // EC2 API reference, AttachVolume: Device is a device name the instance can take (InvalidParameterValue otherwise).
        if (VolumeDevices.ProblemOf(q.Get("Device")!) is { } badDevice)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badDevice);
        }

        var (volume, error) = await lookup.FindVolumeAsync(call, q.Get("VolumeId"));
        if (error is not null)
        {
            return error;
        }

        var (instance, noInstance) = await instances.FindOneAsync(call);
        if (noInstance is not null)
        {
            return noInstance;
        }

        if (AttachRefusal(volume!) is { } refused)
        {
            return refused;
        }

        return Ec2Change.To(async () =>
        {
            var attached = await volumes.AttachAsync(call.Actor, volume!.Id, instance!.Id, q.Get("Device"), mountPoint: null, call.Cancellation);
            if (!attached.IsOk)
            {
                return attached.Status == ComputeStatus.IncorrectState
                    ? await StateRefusalAsync(call, volume.Id, attached.Reason!)
                    : VolumeLookup.Refused(attached, volume.Id);
            }

            var attachment = attached.Value!.Attachments.FirstOrDefault(a => a.InstanceId == instance.Id);
            return attachment is null
                ? Ec2Result.Fail(Ec2ErrorCode.IncorrectState, $"The volume '{volume.Id}' was detached again at once.")
                : call.Respond(w => w.Attachment(volume.Id, attachment));
        });
    }

    // EC2 API reference, DetachVolume: VolumeId is required; InstanceId and Device, when given, must name the attachment.
    public async Task<Ec2Change> DetachVolumeAsync(Ec2Call call)
    {
        var q = call.Query;
        var (volume, error) = await lookup.FindVolumeAsync(call, q.Get("VolumeId"));
        if (error is not null)
        {
            return error;
        }

        if (!q.TryGetBool("Force", false, out var force, out var badForce))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badForce);
        }

        var instanceId = q.Get("InstanceId") is { Length: > 0 } named ? named : null;
        if (instanceId is not null && !ResourceIds.IsWellFormed(instanceId, ResourceIds.InstancePrefix))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidInstanceIdMalformed, $"Invalid id: \"{instanceId}\"");
        }

        if (volume!.Attachments.Count == 0)
        {
            return Ec2Result.Fail(Ec2ErrorCode.IncorrectState, $"Volume '{volume.Id}' is in the '{VolumeStates.Of(volume.State)}' state.");
        }

        var device = q.Get("Device") is { Length: > 0 } d ? d : null;
        var attachment = volume.Attachments.FirstOrDefault(a => (instanceId ?? a.InstanceId) == a.InstanceId && (device ?? a.Device) == a.Device);
        if (attachment is null)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAttachmentNotFound,
                $"Attachment point {device ?? "(any)"} of volume '{volume.Id}' to instance '{instanceId ?? "(any)"}' does not exist.");
        }

        return Ec2Change.To(async () =>
        {
            // EC2 API reference, DetachVolume: Force detaches without waiting for the instance (a last resort: the guest cannot flush).
            var detached = await volumes.DetachAsync(call.Actor, volume.Id, attachment.InstanceId, force, call.Cancellation);
            if (!detached.IsOk)
            {
                return VolumeLookup.Refused(detached, volume.Id);
            }

            // Detached at once when the instance holds no domain or the detach is forced; otherwise detaching until the host confirms.
            var after = detached.Value!.Attachments.FirstOrDefault(a => a.InstanceId == attachment.InstanceId);
            return call.Respond(w => w.Attachment(volume.Id, after ?? attachment, after is null ? VolumeStates.Detached : null));
        });
    }

    public async Task<Ec2Change> DeleteVolumeAsync(Ec2Call call)
    {
        var (volume, error) = await lookup.FindVolumeAsync(call, call.Query.Get("VolumeId"));
        if (error is not null)
        {
            return error;
        }

        // EC2 API reference, DeleteVolume: the volume must be in the available state (not attached).
        if (volume!.Attachments.Count > 0)
        {
            return Ec2Result.Fail(Ec2ErrorCode.VolumeInUse,
                $"Volume {volume.Id} is currently attached to {volume.Attachments[0].InstanceId}");
        }

        return Ec2Change.To(async () =>
        {
            var deleted = await volumes.DeleteAsync(call.Actor, volume.Id, call.Cancellation);
            return deleted.IsOk ? call.Respond(w => w.Element("return", true)) : VolumeLookup.Refused(deleted, volume.Id);
        });
    }

    // The volume was checked free before the attach: a state refusal is another attach that came first, or the instance's state.
    private async Task<Ec2Result> StateRefusalAsync(Ec2Call call, string volumeId, string reason)
    {
        var (now, _) = await lookup.FindVolumeAsync(call, volumeId);
        return now is not null && AttachRefusal(now) is { } refused
            ? refused
            : Ec2Result.Fail(now is { ReadOnly: false, Attachments.Count: > 0 } ? Ec2ErrorCode.VolumeInUse : Ec2ErrorCode.IncorrectInstanceState, reason);
    }

    /// <summary>
    /// Why EC2 refuses to attach <paramref name="volume"/> as it stands, or null (EC2 API reference, AttachVolume:
    /// VolumeInUse for a read-write volume already attached, IncorrectState for one not available). EC2 has
    /// no offline state: an offline volume shows as available, so its refusal says what is in the way.
    /// </summary>
    public static Ec2Result? AttachRefusal(Volume volume) => volume switch
    {
        { ReadOnly: false, Attachments.Count: > 0 } => Ec2Result.Fail(Ec2ErrorCode.VolumeInUse, $"{volume.Id} is already attached to an instance"),
        { State: not (VolumeState.Available or VolumeState.InUse) } =>
            Ec2Result.Fail(Ec2ErrorCode.IncorrectState, $"The volume '{volume.Id}' is '{VolumeStates.Of(volume.State)}', not 'available'."),
        { Offline: true } => Ec2Result.Fail(Ec2ErrorCode.IncorrectState,
            $"The volume '{volume.Id}' is offline: its owner took it out of use through OCCI or the disk API. Bring it online before attaching it."),
        _ => null,
    };

    private static Ec2Result? MissingOf(QueryRequest q, params string[] names) =>
        names.FirstOrDefault(n => q.Get(n) is not { Length: > 0 }) is { } missing ? VolumeLookup.Missing(missing) : null;
}
