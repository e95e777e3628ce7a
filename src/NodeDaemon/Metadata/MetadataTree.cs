using System.Globalization;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeProtocol;
using static StandardsCloud.NodeDaemon.Metadata.MetadataNode;

namespace StandardsCloud.NodeDaemon.Metadata;

/// <summary>
/// The metadata one guest sees, laid out as EC2's instance metadata service lays it out
/// (Amazon EC2 User Guide, "Instance metadata categories"): <c>/latest/meta-data/…</c> and
/// <c>/latest/user-data</c>, built from the domain's desired state and its context.
/// </summary>
public static class MetadataTree
{
    /// <summary>Device name of the boot disk, as EC2 reports the root device of its Linux images.</summary>
    public const string RootDevice = "/dev/sda1";

    /// <summary>The whole tree for a domain that has a context.</summary>
    public static MetadataNode For(DesiredDomain domain, InstanceContext context)
    {
        var userData = DecodeUserData(context.UserData);
        var latest = Category(
            new Entry("meta-data", MetaData(domain, context), Listed: "meta-data"),
            new Entry("user-data", userData is null ? null : Bytes(userData), Listed: "user-data"));
        return Category(new Entry("latest", latest, Listed: "latest"));
    }

    private static MetadataNode MetaData(DesiredDomain domain, InstanceContext context) => Category(
        new Entry("ami-id", Text(context.ImageId)),
        new Entry("ami-launch-index", Text(context.LaunchIndex.ToString(CultureInfo.InvariantCulture))),
        new Entry("block-device-mapping", BlockDeviceMapping(domain.Disks ?? [])),
        new Entry("hostname", Text(context.Hostname)),
        new Entry("instance-id", Text(domain.InstanceId)),
        new Entry("instance-type", Text(context.InstanceType)),
        new Entry("local-hostname", Text(context.Hostname)),
        new Entry("local-ipv4", context.PrivateAddress is { } local ? Text(local) : null),
        new Entry("mac", Text(DomainMac.For(domain.InstanceId))),
        new Entry("placement", Category(new Entry("availability-zone", Text(context.AvailabilityZone)))),
        new Entry("public-hostname", Text(context.Hostname)),
        new Entry("public-ipv4", context.PublicAddress is { } publicAddress ? Text(publicAddress) : null),
        new Entry("public-keys", PublicKeys(context)),
        new Entry("reservation-id", Text(context.ReservationId)),
        new Entry("security-groups", Text(string.Join('\n', context.SecurityGroups))));

    /// <summary><c>ami</c> and <c>root</c> name the boot disk; <c>ebs1</c>, <c>ebs2</c>, … each volume, by the device its owner asked for.</summary>
    private static MetadataNode BlockDeviceMapping(IReadOnlyList<DesiredDisk> disks)
    {
        var entries = new List<Entry> { new("ami", Text(RootDevice)) };
        for (var i = 0; i < disks.Count; i++)
        {
            entries.Add(new Entry("ebs" + (i + 1).ToString(CultureInfo.InvariantCulture), Text(disks[i].Device)));
        }

        entries.Add(new Entry("root", Text(RootDevice)));
        return Category([.. entries]);
    }

    /// <summary>
    /// <c>public-keys/</c> lists <c>N=name</c>; <c>public-keys/N/openssh-key</c> is the key. Key 0 is named
    /// after the key pair; keys given otherwise (and key 0 without a key pair) are named <c>key-N</c>.
    /// </summary>
    private static MetadataNode? PublicKeys(InstanceContext context)
    {
        if (context.PublicKeys.Count == 0)
        {
            return null;
        }

        var entries = new Entry[context.PublicKeys.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            var name = i == 0 && context.KeyName is { } keyName ? keyName : "key-" + index;
            entries[i] = new Entry(index, Category(new Entry("openssh-key", Text(context.PublicKeys[i]))), Listed: index + "=" + name);
        }

        return Category(entries);
    }

    /// <summary>The user data's bytes; null when there is none or it is not base64 (the core checks it, so that is a bug upstream).</summary>
    private static byte[]? DecodeUserData(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
