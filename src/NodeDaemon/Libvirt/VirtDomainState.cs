namespace StandardsCloud.NodeDaemon.Libvirt;

/// <summary>virDomainState, value for value.</summary>
public enum VirtDomainState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    ShuttingDown = 4,
    ShutOff = 5,
    Crashed = 6,
    PmSuspended = 7,
}

/// <summary>What virDomainGetInfo tells about a domain.</summary>
public sealed record DomainInfo(VirtDomainState State, long MaxMemoryKiB, long MemoryKiB, int VirtualCpus, ulong CpuTimeNs)
{
    /// <summary>The memory the domain is defined with, in the whole MiB that sizes are asked in.</summary>
    public long MaxMemoryMiB => MaxMemoryKiB / 1024;
}

/// <summary>What virNodeGetInfo tells about the host.</summary>
public sealed record NodeInfo(string Model, long MemoryKiB, int Cpus, int Mhz);

/// <summary>virDomainUndefineFlagsValues; the test driver accepts only the first two.</summary>
[Flags]
public enum UndefineOptions : uint
{
    None = 0,
    ManagedSave = 1,
    SnapshotsMetadata = 2,
    Nvram = 4,
    CheckpointsMetadata = 16,
}

/// <summary>virDomainXMLFlags: which definition virDomainGetXMLDesc describes, and how fully.</summary>
[Flags]
public enum DomainXmlOptions : uint
{
    None = 0,
    /// <summary>Include secrets such as console passwords, which a redefinition must not lose.</summary>
    Secure = 1,
    /// <summary>The persistent definition the next boot uses, not the running one.</summary>
    Inactive = 2,
}

/// <summary>virDomainModificationImpact: which definition a change touches.</summary>
[Flags]
public enum ModificationImpact : uint
{
    Current = 0,
    Live = 1,
    Config = 2,
}

/// <summary>How a device change went: done, or not something this driver can do (the test driver).</summary>
public enum DeviceChange
{
    Done,
    Unsupported,
}
