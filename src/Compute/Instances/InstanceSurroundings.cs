using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Instances;

/// <summary>
/// What a set of instances refers to or is referred to by, read together: the volumes attached to
/// them, the public addresses associated with them, and the security groups and key pairs they
/// name. Nothing is filtered by owner or state here; each reader decides what it shows.
/// </summary>
public sealed record InstanceSurroundings(
    IReadOnlyList<Volume> Volumes,
    IReadOnlyList<PublicAddress> Addresses,
    IReadOnlyList<SecurityGroup> Groups,
    IReadOnlyList<KeyPair> KeyPairs)
{
    public static InstanceSurroundings None { get; } = new([], [], [], []);
}
