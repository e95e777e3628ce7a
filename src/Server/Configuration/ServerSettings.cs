using StandardsCloud.Compute;

namespace StandardsCloud.Server.Configuration;

/// <summary>The validated settings the server runs with: the file's values over the embedded defaults.</summary>
public sealed record ServerSettings
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=standardscloud";

    public required string DataDirectory { get; init; }
    public required string ConnectionString { get; init; }
    public required string Schema { get; init; }
    public required string ListenAddress { get; init; }
    public required int ApiPort { get; init; }
    public required int Ec2Port { get; init; }
    public required int OcciPort { get; init; }
    public required int CdmiPort { get; init; }
    public required string AdminName { get; init; }
    public required string Ec2Region { get; init; }
    public required int Ec2ConcurrentCalls { get; init; }
    public required int Ec2WaitingCalls { get; init; }

    /// <summary>Null when the data directory holds (or will hold) a generated one.</summary>
    public string? NodeJoinToken { get; init; }

    /// <summary>The private network in CIDR notation, as the site file gives it.</summary>
    public string PrivateSubnet { get; init; } = ComputeOptions.DefaultPrivateSubnet;

    public required ComputeOptions Compute { get; init; }

    /// <summary>Where volume and snapshot files live (<c>&lt;data&gt;/volumes</c> unless the site names another place).</summary>
    public required string VolumeDirectory { get; init; }

    public bool CdmiCreateParents { get; init; }
    public long CdmiMaxValueBytes { get; init; } = 64L * 1024 * 1024 * 1024;
    public long CdmiMaxJsonBytes { get; init; } = 64L * 1024 * 1024;
    public int CdmiEnterpriseNumber { get; init; } = 28669;
    /// <summary>Trust, image policy and limits of the Marketplace.</summary>
    public Marketplace.MarketplaceOptions Marketplace { get; init; } = new();
}
