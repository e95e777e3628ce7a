namespace StandardsCloud.Compute.Tags;

/// <summary>The kinds of resource that carry tags.</summary>
public enum TaggedKind
{
    Instance,
    SecurityGroup,
    Image,
    KeyPair,
    Address,
    Volume,
    Snapshot,
}

/// <summary>Which kind an identifier names, by its prefix.</summary>
public static class TaggedKinds
{
    private static readonly (string Prefix, TaggedKind Kind)[] Prefixes =
    [
        (ResourceIds.InstancePrefix, TaggedKind.Instance),
        (ResourceIds.SecurityGroupPrefix, TaggedKind.SecurityGroup),
        (ResourceIds.ImagePrefix, TaggedKind.Image),
        (ResourceIds.KeyPairPrefix, TaggedKind.KeyPair),
        (ResourceIds.AllocationPrefix, TaggedKind.Address),
        (ResourceIds.VolumePrefix, TaggedKind.Volume),
        (ResourceIds.SnapshotPrefix, TaggedKind.Snapshot),
    ];

    /// <summary>The kind of a well-formed identifier, or null when it names nothing that carries tags.</summary>
    public static TaggedKind? Of(string id)
    {
        foreach (var (prefix, kind) in Prefixes)
        {
            if (ResourceIds.IsWellFormed(id, prefix))
            {
                return kind;
            }
        }

        return null;
    }
}
