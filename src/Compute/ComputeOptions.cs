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

    public InstanceType? FindType(string name) =>
        InstanceTypes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
