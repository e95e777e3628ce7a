namespace StandardsCloud.Compute.Scheduling;

/// <summary>How the scheduler ranks the hosts that can take an instance.</summary>
public enum PlacementPolicy
{
    /// <summary>Spread: the host with the fewest instances first.</summary>
    Striping,
    /// <summary>Fill: the host with the most instances first, keeping others free.</summary>
    Packing,
    /// <summary>The host with the most free CPUs first.</summary>
    LoadAware,
}
