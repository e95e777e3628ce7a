using System.Globalization;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping.Volumes;

/// <summary>The DescribeVolumes and DescribeSnapshots filters (EC2 API reference), each as the value it compares.</summary>
public static class VolumeFilters
{
    public static FilterFields<Volume> Volumes { get; } = new FilterFields<Volume>
    {
        Tags = v => v.Tags,
        ["volume-id"] = v => v.Id,
        ["status"] = v => VolumeStates.Of(v.State),
        ["size"] = v => Number(v.SizeGiB),
        ["availability-zone"] = v => v.AvailabilityZone,
        ["snapshot-id"] = v => v.SnapshotId ?? "",
        ["create-time"] = v => Ec2XmlWriter.Timestamp(v.CreatedAt),
        ["volume-type"] = v => v.StorageClass,
        ["encrypted"] = _ => "false",
        ["multi-attach-enabled"] = v => v.ReadOnly ? "true" : "false",
    }
    .Many("attachment.instance-id", v => v.Attachments.Select(a => a.InstanceId))
    .Many("attachment.device", v => v.Attachments.Select(a => a.Device))
    .Many("attachment.status", v => v.Attachments.Select(a => VolumeStates.Of(a.State)))
    .Many("attachment.attach-time", v => v.Attachments.Select(a => Ec2XmlWriter.Timestamp(a.AttachedAt)))
    .Many("attachment.delete-on-termination", v => v.Attachments.Select(a => a.DeleteOnTermination ? "true" : "false"));

    public static FilterFields<Snapshot> Snapshots { get; } = new()
    {
        Tags = s => s.Tags,
        ["snapshot-id"] = s => s.Id,
        ["volume-id"] = s => s.VolumeId,
        ["status"] = s => VolumeStates.Of(s.State),
        ["owner-id"] = s => AccountIds.Of(s.Owner),
        ["description"] = s => s.Description ?? "",
        ["volume-size"] = s => Number(s.SizeGiB),
        ["start-time"] = s => Ec2XmlWriter.Timestamp(s.StartedAt),
        ["progress"] = s => VolumeStates.Progress(s.State),
        ["encrypted"] = _ => "false",
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
