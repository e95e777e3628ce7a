namespace StandardsCloud.LoadHarness.Api;

// The parts of the server's wire shapes the harnesses read or send; unknown fields are ignored.

public sealed record AdminCredentials(string User, string Password, string? AccessKeyId = null, string? SecretAccessKey = null);

public sealed record HostEntry(string Id, string Name, string Status, int Cpus, long MemoryMiB, int Instances);

public sealed record InstanceTypeEntry(string Name, int Cpus, long MemoryMiB);

public sealed record ImageBody(string Name, string Url, string Sha1, BootBody? Boot = null);

/// <summary>A kernel and initrd the image's instances boot directly, with their command line.</summary>
public sealed record BootBody(BootFileBody Kernel, BootFileBody? Initrd, string CommandLine);

public sealed record BootFileBody(string Url, string Sha1);

/// <summary>An image taken from a Marketplace entry: its identifier, identifier/email, or the entry's URL.</summary>
public sealed record MarketplaceImageBody(string Marketplace);

public sealed record ImageEntry(string Id, string Name, string Sha1);

public sealed record LaunchBody(string ImageId, string InstanceType, int Count, IReadOnlyList<LaunchDiskBody>? Disks = null);

/// <summary>A new volume made and attached at launch.</summary>
public sealed record LaunchDiskBody(string Device, int SizeGiB);

public sealed record InstanceEntry(string Id, string State, string? HostId);

public sealed record ReservationEntry(string ReservationId, IReadOnlyList<InstanceEntry> Instances);

public sealed record HistoryRecord(long Version, DateTimeOffset At, string Event, string Actor, string Via, string Description);

public sealed record SiteConfigFile(DatabaseSection Database, ListenSection Listen, ComputeSection Compute, Ec2Section? Ec2 = null, MarketplaceSection? Marketplace = null);

public sealed record DatabaseSection(string ConnectionString);

public sealed record ListenSection(string Address, int Api, int Ec2, int Occi, int Cdmi);

public sealed record ComputeSection(int HeartbeatSeconds);

public sealed record Ec2Section(string Region);

public sealed record MarketplaceSection(IReadOnlyList<string> TrustedEndorsers);
