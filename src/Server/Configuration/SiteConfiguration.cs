namespace StandardsCloud.Server.Configuration;

/// <summary>
/// A site configuration file as written by an administrator. Every field is optional: what is
/// left out takes the embedded default, so an empty file (or none) runs a one-machine cloud.
/// </summary>
public sealed record SiteConfiguration
{
    public string? DataDirectory { get; init; }
    public DatabaseSection? Database { get; init; }
    public ListenSection? Listen { get; init; }
    public ComputeSection? Compute { get; init; }
    public NodesSection? Nodes { get; init; }
    public AdminSection? Admin { get; init; }
    public Ec2Section? Ec2 { get; init; }
    public NetworkSection? Network { get; init; }
    public CdmiSection? Cdmi { get; init; }
    public MarketplaceSection? Marketplace { get; init; }
    public VolumesSection? Volumes { get; init; }
}

public sealed record VolumesSection
{
    /// <summary>Where the qcow2 backend keeps volume and snapshot files; every host must see it at the same path.</summary>
    public string? Directory { get; init; }
}

public sealed record MarketplaceSection
{
    /// <summary>A PEM file of CA certificates; an endorser whose certificate chains to one is trusted.</summary>
    public string? CaBundle { get; init; }

    /// <summary>Trusted endorsers: emails, or SHA-256 fingerprints (hex) of their certificates.</summary>
    public IReadOnlyList<string>? TrustedEndorsers { get; init; }

    /// <summary>Refuse images whose endorser the site does not trust (default true).</summary>
    public bool? RequireTrustedEndorser { get; init; }
    public ImageListSection? Allow { get; init; }
    public ImageListSection? Deny { get; init; }

    /// <summary>Largest metadata document accepted, in bytes.</summary>
    public int? MaxDocumentBytes { get; init; }
}

public sealed record ImageListSection
{
    public IReadOnlyList<string>? Endorsers { get; init; }
    public IReadOnlyList<string>? Checksums { get; init; }
    public IReadOnlyList<string>? Identifiers { get; init; }
}

public sealed record NetworkSection
{
    /// <summary>The private subnet (CIDR) instances take their addresses from.</summary>
    public string? PrivateSubnet { get; init; }

    /// <summary>Public addresses owners may allocate: single addresses, ranges and CIDR blocks.</summary>
    public IReadOnlyList<string>? PublicAddresses { get; init; }

    public int? AddressesPerUser { get; init; }
}

public sealed record Ec2Section
{
    /// <summary>The region EC2 clients name, and that SigV4 signatures must be scoped to.</summary>
    public string? Region { get; init; }

    /// <summary>The availability zone every host is in; the region's name + <c>a</c> by default.</summary>
    public string? Zone { get; init; }

    /// <summary>EC2 calls that run at once (default four per processor).</summary>
    public int? ConcurrentCalls { get; init; }

    /// <summary>EC2 calls that may wait for a turn; more are answered RequestLimitExceeded.</summary>
    public int? WaitingCalls { get; init; }
}

public sealed record CdmiSection
{
    /// <summary>Create missing parent containers on a create instead of answering 404.</summary>
    public bool? CreateParents { get; init; }

    /// <summary>The largest value one data object may hold, in bytes.</summary>
    public long? MaxValueBytes { get; init; }

    /// <summary>The most bytes of a CDMI JSON request body beside its value.</summary>
    public long? MaxJsonBytes { get; init; }

    /// <summary>The IANA private enterprise number inside every ObjectID.</summary>
    public int? EnterpriseNumber { get; init; }
}

public sealed record DatabaseSection
{
    public string? ConnectionString { get; init; }
    public string? Schema { get; init; }
}

public sealed record ListenSection
{
    public string? Address { get; init; }
    public int? Api { get; init; }
    public int? Ec2 { get; init; }
    public int? Occi { get; init; }
    public int? Cdmi { get; init; }
}

public sealed record ComputeSection
{
    public string? Placement { get; init; }
    public int? HeartbeatSeconds { get; init; }
    public int? MissedHeartbeats { get; init; }
    public IReadOnlyList<InstanceTypeEntry>? InstanceTypes { get; init; }
    public QuotaEntry? DefaultQuota { get; init; }

    /// <summary>Whether users may make their own images public (default true); false keeps it to administrators.</summary>
    public bool? UsersMayPublishImages { get; init; }
}

public sealed record InstanceTypeEntry
{
    public string? Name { get; init; }
    public int? Cpus { get; init; }
    public long? MemoryMiB { get; init; }
}

public sealed record QuotaEntry
{
    public int? Instances { get; init; }
    public int? Cpus { get; init; }
    public long? MemoryMiB { get; init; }
    public long? VolumeGiB { get; init; }
    public int? Snapshots { get; init; }
}

public sealed record NodesSection
{
    /// <summary>The token node daemons present to join; generated into the data directory when absent.</summary>
    public string? JoinToken { get; init; }
}

public sealed record AdminSection
{
    /// <summary>Name of the first administrator, created on first start.</summary>
    public string? Name { get; init; }
}
