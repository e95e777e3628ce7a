namespace StandardsCloud.Compute.Hosts;

/// <summary>Whether a host takes part in scheduling.</summary>
public enum HostStatus
{
    /// <summary>Heartbeats arrive; the scheduler may place instances on it.</summary>
    Online,
    /// <summary>Missed about three heartbeats; its instances show unknown until it returns.</summary>
    Error,
    /// <summary>Taken out of scheduling by an administrator.</summary>
    Disabled,
}

/// <summary>A hypervisor host, known through its node daemon.</summary>
public sealed class Host
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string HypervisorUri { get; set; } = "";
    public string? Architecture { get; set; }
    public int Cpus { get; set; }
    public long MemoryMiB { get; set; }

    /// <summary>The clock of the host's CPUs in MHz; 0 when its node did not say.</summary>
    public int CpuMhz { get; set; }
    public HostStatus Status { get; set; }

    /// <summary>Hash of the bearer token the node presents; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset LastHeartbeatAt { get; set; }
}
