using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Scheduling;

namespace StandardsCloud.Compute;

/// <summary>The site's choices the core runs by; the server fills it from the site configuration.</summary>
public sealed record ComputeOptions
{
    public IReadOnlyList<InstanceType> InstanceTypes { get; init; } = InstanceType.Defaults;

    public PlacementPolicy Placement { get; init; } = PlacementPolicy.Striping;

    /// <summary>Quota of users who have none of their own.</summary>
    public Quota DefaultQuota { get; init; } = Quota.SiteDefault;

    /// <summary>How often nodes report; a node silent for <see cref="MissedHeartbeats"/> of these is in error.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(5);

    public int MissedHeartbeats { get; init; } = 3;

    /// <summary>The secret a node daemon presents to join; required.</summary>
    public string NodeJoinToken { get; init; } = "";

    /// <summary>The site's private network, from which every instance gets an address.</summary>
    public AddressPool PrivateNetwork { get; init; } = DefaultPrivateNetwork;

    /// <summary>Public addresses owners may allocate (EC2's elastic addresses); empty by default.</summary>
    public AddressPool PublicAddresses { get; init; } = AddressPool.Empty;

    /// <summary>How many public addresses one owner may hold.</summary>
    public int AddressesPerOwner { get; init; } = 5;

    /// <summary>
    /// Whether owners may make their images public (launchable by every user of the site); when
    /// false only administrators do, and images reach every user only through them.
    /// </summary>
    public bool UsersMayPublishImages { get; init; } = true;

    /// <summary>The one availability zone every host and volume is in; every front-end names this one.</summary>
    public string AvailabilityZone { get; init; } = DefaultAvailabilityZone;

    /// <summary>The zone of a site that names none: the default EC2 region's name + <c>a</c>.</summary>
    public const string DefaultAvailabilityZone = "RegionOnea";

    public const string DefaultPrivateSubnet = "10.10.0.0/16";

    private static AddressPool DefaultPrivateNetwork =>
        AddressPool.TryParseSubnet(DefaultPrivateSubnet, out var pool, out _) ? pool : AddressPool.Empty;

    public InstanceType? FindType(string name) =>
        InstanceTypes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
