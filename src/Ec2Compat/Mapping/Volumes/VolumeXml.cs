using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>Volumes, attachments and snapshots in the shapes of the 2016-11-15 API (Volume, VolumeAttachment, Snapshot).</summary>
public static class VolumeXml
{
    /// <summary>The members of a <c>Volume</c>, as CreateVolume answers them and each <c>volumeSet</c> item holds.</summary>
    public static Ec2XmlWriter Volume(this Ec2XmlWriter w, Volume v) => w
        .Element("volumeId", v.Id)
        .Element("size", v.SizeGiB)
        .Element("snapshotId", v.SnapshotId ?? "")
        .Element("availabilityZone", v.AvailabilityZone)
        .Element("status", VolumeStates.Of(v.State))
        .Element("createTime", v.CreatedAt)
        .Set("attachmentSet", v.Attachments, (item, a) => item.Attachment(v.Id, a))
        .TagSet(v.Tags)
        .Element("volumeType", v.StorageClass)
        .Element("encrypted", false)
        .Element("multiAttachEnabled", v.ReadOnly);

    /// <summary>An <c>attachmentSetItemResponseType</c>: AttachVolume's and DetachVolume's answer, and each <c>attachmentSet</c> item.</summary>
    public static Ec2XmlWriter Attachment(this Ec2XmlWriter w, string volumeId, VolumeAttachment a, string? status = null) => w
        .Element("volumeId", volumeId)
        .Element("instanceId", a.InstanceId)
        .Element("device", a.Device)
        .Element("status", status ?? VolumeStates.Of(a.State))
        .Element("attachTime", a.AttachedAt)
        .Element("deleteOnTermination", a.DeleteOnTermination);

    /// <summary>The members of a <c>Snapshot</c>, as CreateSnapshot answers them and each <c>snapshotSet</c> item holds.</summary>
    public static Ec2XmlWriter Snapshot(this Ec2XmlWriter w, Snapshot s) => w
        .Element("snapshotId", s.Id)
        .Element("volumeId", s.VolumeId)
        .Element("status", VolumeStates.Of(s.State))
        .Element("statusMessage", s.State == SnapshotState.Error ? s.StateReason : null)
        .Element("startTime", s.StartedAt)
        .Element("progress", VolumeStates.Progress(s.State))
        .Element("ownerId", AccountIds.Of(s.Owner))
        .Element("volumeSize", s.SizeGiB)
        .Element("description", s.Description ?? "")
        .Element("encrypted", false)
        .TagSet(s.Tags);
}
