namespace StandardsCloud.Compute.Scheduling;

/// <summary>A host as the match-maker sees it: what it has and what is already promised.</summary>
public sealed class HostSlot(string hostId, string hostName, int cpus, long memoryMiB)
{
    public string HostId { get; } = hostId;
    public string HostName { get; } = hostName;
    public int Cpus { get; } = cpus;
    public long MemoryMiB { get; } = memoryMiB;
    public int UsedCpus { get; private set; }
    public long UsedMemoryMiB { get; private set; }
    public int Instances { get; private set; }

    public int FreeCpus => Cpus - UsedCpus;
    public long FreeMemoryMiB => MemoryMiB - UsedMemoryMiB;

    public bool Fits(Demand demand) =>
        demand.Cpus <= FreeCpus && demand.MemoryMiB <= FreeMemoryMiB
        && (demand.RequiredHost is null
            || string.Equals(demand.RequiredHost, HostId, StringComparison.Ordinal)
            || string.Equals(demand.RequiredHost, HostName, StringComparison.Ordinal));

    public void Take(Demand demand)
    {
        UsedCpus += demand.Cpus;
        UsedMemoryMiB += demand.MemoryMiB;
        Instances++;
    }
}

/// <summary>What an instance needs from a host.</summary>
public sealed record Demand(int Cpus, long MemoryMiB, string? RequiredHost = null);
