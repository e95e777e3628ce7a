using System.Globalization;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The DescribeInstances filters, each as the value it compares.</summary>
public static class InstanceFilters
{
    public static FilterFields<InstanceView> For(Ec2Options options) => new FilterFields<InstanceView>
    {
        Tags = v => v.Instance.Tags,
        ["instance-id"] = v => v.Instance.Id,
        ["instance-state-name"] = v => InstanceStates.Of(v.Instance).Name,
        ["instance-state-code"] = v => InstanceStates.Of(v.Instance).Code.ToString(CultureInfo.InvariantCulture),
        ["instance-type"] = v => v.Instance.InstanceType,
        ["image-id"] = v => v.Instance.ImageId,
        ["reservation-id"] = v => v.Instance.ReservationId,
        ["owner-id"] = v => AccountIds.Of(v.Instance.Owner),
        ["availability-zone"] = _ => options.Zone,
        ["key-name"] = v => v.Instance.KeyName,
        ["client-token"] = v => v.Instance.ClientToken,
        ["launch-index"] = v => v.Instance.LaunchIndex.ToString(CultureInfo.InvariantCulture),
        ["private-ip-address"] = v => v.Instance.PrivateAddress,
        ["private-dns-name"] = v => InstanceXml.PrivateDnsName(v.Instance, options),
        ["ip-address"] = v => v.PublicIp,
        ["dns-name"] = v => v.PublicIp,
        ["architecture"] = _ => "x86_64",
        ["root-device-type"] = _ => InstanceXml.RootDeviceType,
        ["root-device-name"] = _ => InstanceXml.RootDeviceName,
        ["virtualization-type"] = _ => "hvm",
    }
    .Many("block-device-mapping.device-name", v => v.Disks.Select(d => d.Attachment.Device))
    .Many("block-device-mapping.volume-id", v => v.Disks.Select(d => d.VolumeId))
    .Many("block-device-mapping.status", v => v.Disks.Select(d => Volumes.VolumeStates.Of(d.Attachment.State)))
    .Many("block-device-mapping.delete-on-termination", v => v.Disks.Select(d => d.Attachment.DeleteOnTermination ? "true" : "false"))
    .Many("group-id", v => v.Groups.Select(g => g.Id))
    .Many("group-name", v => v.Groups.Select(g => g.Name))
    .Many("instance.group-id", v => v.Groups.Select(g => g.Id))
    .Many("instance.group-name", v => v.Groups.Select(g => g.Name));
}
