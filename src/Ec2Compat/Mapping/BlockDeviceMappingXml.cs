using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The <c>blockDeviceMapping</c> of an instance: its attached volumes (EC2 API reference, InstanceBlockDeviceMapping).</summary>
public static class BlockDeviceMappingXml
{
    public static Ec2XmlWriter BlockDeviceMapping(this Ec2XmlWriter w, IReadOnlyList<AttachedDisk> disks) =>
        w.Set("blockDeviceMapping", disks, (item, d) => item
            .Element("deviceName", d.Attachment.Device)
            .Structure("ebs", e => e
                .Element("volumeId", d.VolumeId)
                .Element("status", VolumeStates.Of(d.Attachment.State))
                .Element("attachTime", d.Attachment.AttachedAt)
                .Element("deleteOnTermination", d.Attachment.DeleteOnTermination)));
}
