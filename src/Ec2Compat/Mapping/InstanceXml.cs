using StandardsCloud.Compute.Instances;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>Instances and reservations as RunInstances and DescribeInstances answer them.</summary>
public sealed class InstanceXml(Ec2Options options)
{
    /// <summary>The root disk is the image's overlay on the host: an instance-store root, as EC2 names it.</summary>
    public const string RootDeviceType = "instance-store";

    /// <summary>The root device name EC2 shows for instance-store roots.</summary>
    public const string RootDeviceName = "/dev/sda1";

    /// <summary>EC2's private name shape: <c>ip-10-10-0-5.REGION.compute.internal</c>.</summary>
    public static string? PrivateDnsName(Instance i, Ec2Options options) =>
        i.PrivateAddress is { } ip ? $"{Hostnames.ForAddress(ip)}.{options.Region}.compute.internal" : null;

    public void WriteReservation(Ec2XmlWriter w, string reservationId, string owner, IReadOnlyList<InstanceView> members) => w
        .Element("reservationId", reservationId)
        .Element("ownerId", AccountIds.Of(owner))
        .Set("groupSet", members.Count > 0 ? members[0].Groups : [], WriteGroup)
        .Set("instancesSet", members, WriteInstance);

    private void WriteInstance(Ec2XmlWriter w, InstanceView view)
    {
        var i = view.Instance;
        w.Element("instanceId", i.Id).Element("imageId", i.ImageId);
        InstanceStates.Write(w, "instanceState", InstanceStates.Of(i));
        w.Element("privateDnsName", PrivateDnsName(i, options) ?? "")
            .Element("dnsName", view.PublicIp ?? "")
            .Element("reason", InstanceStates.TransitionReason(i))
            .Element("keyName", i.KeyName)
            .Element("amiLaunchIndex", i.LaunchIndex)
            .Set("productCodes", Array.Empty<string>(), (_, _) => { })
            .Element("instanceType", i.InstanceType)
            .Element("launchTime", i.RequestedAt)
            .Structure("placement", p => p.Element("availabilityZone", options.Zone).Element("groupName", "").Element("tenancy", "default"))
            .Structure("monitoring", m => m.Element("state", "disabled"))
            .Element("privateIpAddress", i.PrivateAddress)
            .Element("ipAddress", view.PublicIp)
            .Set("groupSet", view.Groups, WriteGroup)
            .Element("architecture", "x86_64")
            .Element("rootDeviceType", RootDeviceType)
            .Element("rootDeviceName", RootDeviceName)
            .BlockDeviceMapping(view.Disks)
            .Element("virtualizationType", "hvm")
            .Element("clientToken", i.ClientToken ?? "")
            .TagSet(i.Tags)
            .Element("hypervisor", "xen");
        if (InstanceStates.ReasonOf(i) is { } reason)
        {
            w.Structure("stateReason", r => r.Element("code", reason.Code).Element("message", reason.Message));
        }
    }

    private static void WriteGroup(Ec2XmlWriter item, GroupRef g) => item.Element("groupId", g.Id).Element("groupName", g.Name);
}
