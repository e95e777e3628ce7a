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
        ["hypervisor"] = _ => "xen",
        ["tenancy"] = _ => "default",
        ["monitoring-state"] = _ => "disabled",
        ["launch-time"] = v => Wire.Query.Ec2XmlWriter.Timestamp(v.Instance.RequestedAt),
        ["reason"] = v => InstanceStates.TransitionReason(v.Instance),
        ["state-reason-code"] = v => InstanceStates.ReasonOf(v.Instance)?.Code,
        ["state-reason-message"] = v => InstanceStates.ReasonOf(v.Instance)?.Message,

        // EC2 API reference, DescribeInstances Filter.N: what an EC2-Classic, on-demand Linux
        // instance has none of (no VPC or subnet, no spot request, no platform) matches nothing.
        ["vpc-id"] = _ => null,
        ["subnet-id"] = _ => null,
        ["instance-lifecycle"] = _ => null,
        ["spot-instance-request-id"] = _ => null,
        ["platform"] = _ => null,
        ["kernel-id"] = _ => null,
        ["ramdisk-id"] = _ => null,
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
