namespace StandardsCloud.Compute.Scheduling;

/// <summary>
/// Match-making as in Condor and OpenNebula: keep the hosts that satisfy the demand, rank them by
/// the site's policy, take the best. Ties go to the host listed first, so results are repeatable.
/// </summary>
public static class MatchMaker
{
    public static HostSlot? Choose(IReadOnlyList<HostSlot> hosts, Demand demand, PlacementPolicy policy)
    {
        HostSlot? best = null;
        foreach (var host in hosts)
        {
            if (host.Fits(demand) && (best is null || Rank(host, policy) > Rank(best, policy)))
            {
                best = host;
            }
        }

        return best;
    }

    private static double Rank(HostSlot host, PlacementPolicy policy) => policy switch
    {
        PlacementPolicy.Striping => -host.Instances,
        PlacementPolicy.Packing => host.Instances,
        PlacementPolicy.LoadAware => host.Cpus == 0 ? 0 : (double)host.FreeCpus / host.Cpus,
        _ => 0,
    };
}
