namespace StandardsCloud.LoadHarness.Cloud;

/// <summary>The cloud a harness brings up on this machine: its ports and its test-driver hosts.</summary>
public sealed record SiteOptions
{
    /// <summary>Node daemons on the libvirt test driver, each standing in for a host.</summary>
    public int Nodes { get; init; } = 10;

    /// <summary>The nodes' hypervisor: <c>test</c> (a fake host offering <see cref="NodeCpus"/> and <see cref="NodeMemoryMiB"/>) or a libvirt URI such as <c>qemu:///system</c> (this machine as it is).</summary>
    public string NodeUri { get; init; } = "test";

    public int NodeCpus { get; init; } = 128;

    public long NodeMemoryMiB { get; init; } = 131072;

    /// <summary>Scheduling niceness of the node daemons (they stand in for remote hosts).</summary>
    public int NodeNice { get; init; } = 10;

    public int PostgresPort { get; init; } = 55434;

    /// <summary>First of the server's four ports: API, EC2, OCCI, CDMI in that order.</summary>
    public int ApiPort { get; init; } = 18090;

    public int Ec2Port => ApiPort + 1;

    public int OcciPort => ApiPort + 2;

    /// <summary>The site's <c>ec2.region</c>; null leaves the server's default.</summary>
    public string? Ec2Region { get; init; }

    public bool NoFsync { get; init; }

    /// <summary>
    /// What the node daemons' names start with (a number follows). A node owns the libvirt domains
    /// its name is recorded in, so runs sharing one libvirtd need prefixes of their own.
    /// </summary>
    public string NodeNamePrefix { get; init; } = "bench-node-";

    /// <summary>The site's <c>marketplace.trustedEndorsers</c>; empty leaves the server's default (none trusted).</summary>
    public IReadOnlyList<string> TrustedEndorsers { get; init; } = [];
}
