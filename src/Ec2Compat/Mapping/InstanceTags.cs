using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// The tags EC2 shows of an instance. The OCCI front-end once kept a storage link's mount point as
/// an instance tag (<c>occi.storagelink.mountpoint:</c> and the volume's id); mount points now live on
/// the volume's attachment, and such tags left on older instances are not the owner's, so EC2 never shows them.
/// </summary>
public static class InstanceTags
{
    private const string LegacyMountPointPrefix = "occi.storagelink.mountpoint:";

    public static bool IsShown(string key) => !key.StartsWith(LegacyMountPointPrefix, StringComparison.Ordinal);

    public static IReadOnlyDictionary<string, string> Shown(Instance instance)
    {
        foreach (var key in instance.Tags.Keys)
        {
            if (!IsShown(key))
            {
                return instance.Tags.Where(t => IsShown(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            }
        }

        return instance.Tags;
    }
}
