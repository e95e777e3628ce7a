using System.Globalization;
using System.Text.Json;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Catalog;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Scheduling;

namespace StandardsCloud.Server.Configuration;

/// <summary>
/// Reads and checks a site configuration. Every problem is reported at once, each naming the field,
/// the value found and what is allowed, so a bad file is refused before anything starts.
/// </summary>
public static class SiteConfigurationLoader
{
    private const long MaxFileBytes = 1024 * 1024;

    private static readonly Dictionary<string, PlacementPolicy> Policies = new(StringComparer.Ordinal)
    {
        ["striping"] = PlacementPolicy.Striping,
        ["packing"] = PlacementPolicy.Packing,
        ["load-aware"] = PlacementPolicy.LoadAware,
    };

    /// <summary>Loads <paramref name="path"/>, or the embedded defaults when it is null.</summary>
    public static (ServerSettings? Settings, IReadOnlyList<string> Errors) Load(string? path, string? dataDirectoryOverride = null)
    {
        var file = new SiteConfiguration();
        if (path is not null)
        {
            var read = Read(path);
            if (read.File is null)
            {
                return (null, read.Errors);
            }

            file = read.File;
        }

        var errors = new List<string>();
        var settings = Validate(file, dataDirectoryOverride, errors);
        return errors.Count == 0 ? (settings, errors) : (null, errors);
    }

    private static (SiteConfiguration? File, IReadOnlyList<string> Errors) Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, [$"{path}: no such file"]);
        }

        if (info.Length > MaxFileBytes)
        {
            return (null, [$"{path}: {info.Length} bytes; a site file may have at most {MaxFileBytes}"]);
        }

        try
        {
            var parsed = JsonSerializer.Deserialize(File.ReadAllBytes(path), ConfigurationJson.Default.SiteConfiguration);
            return parsed is null ? (null, [$"{path}: the file must hold a JSON object"]) : (parsed, []);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } p ? p[2..] : "(top level)";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            return (null, [$"{path}: {where}{line}: {Explain(e)}"]);
        }
    }

    private static string Explain(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "unknown field; see docs/configuration.md for the fields allowed"
            : e.Message.Split(". Path:", 2)[0];

    private static ServerSettings Validate(SiteConfiguration file, string? dataDirectoryOverride, List<string> errors)
    {
        var listen = file.Listen ?? new ListenSection();
        var compute = file.Compute ?? new ComputeSection();
        var address = listen.Address ?? "127.0.0.1";
        if (!System.Net.IPAddress.TryParse(address, out _) && address != "localhost")
        {
            errors.Add($"listen.address: '{address}' is not an IP address; allowed: an IPv4 or IPv6 address, or localhost");
        }

        var ports = new (string Name, int Value)[]
        {
            ("listen.api", listen.Api ?? 8080), ("listen.ec2", listen.Ec2 ?? 8773),
            ("listen.occi", listen.Occi ?? 8787), ("listen.cdmi", listen.Cdmi ?? 8788),
        };
        foreach (var (name, value) in ports)
        {
            if (value is < 1 or > 65535)
            {
                errors.Add($"{name}: {value} is not a port; allowed: 1 to 65535");
            }
        }

        foreach (var clash in ports.GroupBy(p => p.Value).Where(g => g.Count() > 1))
        {
            errors.Add($"{string.Join(" and ", clash.Select(p => p.Name))}: all {clash.Key}; allowed: a different port for each listener");
        }

        var placementName = compute.Placement ?? "striping";
        if (!Policies.TryGetValue(placementName, out var placement))
        {
            errors.Add($"compute.placement: '{placementName}' is not a policy; allowed: {string.Join(", ", Policies.Keys)}");
        }

        var heartbeat = compute.HeartbeatSeconds ?? 5;
        if (heartbeat is < 1 or > 300)
        {
            errors.Add($"compute.heartbeatSeconds: {heartbeat}; allowed: 1 to 300");
        }

        var missed = compute.MissedHeartbeats ?? 3;
        if (missed is < 2 or > 20)
        {
            errors.Add($"compute.missedHeartbeats: {missed}; allowed: 2 to 20");
        }

        var types = InstanceTypes(compute.InstanceTypes, errors);
        var quota = DefaultQuota(compute.DefaultQuota, errors);

        var token = file.Nodes?.JoinToken;
        if (token is not null && token.Length < 16)
        {
            errors.Add($"nodes.joinToken: {token.Length} characters; allowed: at least 16 (or leave it out to have one generated)");
        }

        var adminName = file.Admin?.Name ?? "admin";
        if (adminName.Length is < 1 or > 64 || !adminName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-'))
        {
            errors.Add($"admin.name: '{adminName}'; allowed: 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }

        var region = file.Ec2?.Region ?? "RegionOne";
        if (region.Length is < 1 or > 64 || !region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add($"ec2.region: '{region}'; allowed: 1 to 64 letters, digits or '-'");
        }

        var zone = file.Ec2?.Zone ?? region + "a";
        if (file.Ec2?.Zone is not null && (zone.Length is < 1 or > 64 || !zone.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add($"ec2.zone: '{zone}'; allowed: 1 to 64 letters, digits or '-'");
        }

        var concurrentCalls = file.Ec2?.ConcurrentCalls ?? Environment.ProcessorCount * 4;
        if (concurrentCalls is < 1 or > 10_000)
        {
            errors.Add($"ec2.concurrentCalls: {concurrentCalls}; allowed: 1 to 10000");
        }

        var waitingCalls = file.Ec2?.WaitingCalls ?? 1000;
        if (waitingCalls is < 0 or > 100_000)
        {
            errors.Add($"ec2.waitingCalls: {waitingCalls}; allowed: 0 to 100000");
        }

        var network = file.Network ?? new NetworkSection();
        var subnet = network.PrivateSubnet ?? ComputeOptions.DefaultPrivateSubnet;
        if (!AddressPool.TryParseSubnet(subnet, out var privateNetwork, out var subnetError))
        {
            errors.Add($"network.privateSubnet: {subnetError}");
        }

        if (!AddressPool.TryParse(network.PublicAddresses ?? [], out var publicAddresses, out var poolError))
        {
            errors.Add($"network.publicAddresses: {poolError}");
        }

        var perUser = network.AddressesPerUser ?? 5;
        if (perUser is < 0 or > 1000)
        {
            errors.Add($"network.addressesPerUser: {perUser}; allowed: 0 to 1000");
        }

        var cdmi = file.Cdmi ?? new CdmiSection();
        var maxValue = cdmi.MaxValueBytes ?? 64L * 1024 * 1024 * 1024;
        if (maxValue is < 1 or > 1L << 50)
        {
            errors.Add($"cdmi.maxValueBytes: {maxValue}; allowed: 1 to {1L << 50}");
        }

        var maxJson = cdmi.MaxJsonBytes ?? 64L * 1024 * 1024;
        if (maxJson is < 1024 or > 1L << 31)
        {
            errors.Add($"cdmi.maxJsonBytes: {maxJson}; allowed: 1024 to {1L << 31}");
        }

        var enterprise = cdmi.EnterpriseNumber ?? 28669;
        if (enterprise is < 0 or > 0xFFFFFF)
        {
            errors.Add($"cdmi.enterpriseNumber: {enterprise}; allowed: 0 to {0xFFFFFF} (24 bits)");
        }

        var schema = file.Database?.Schema ?? "standardscloud";
        if (schema.Length is < 1 or > 63 || !schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') || char.IsAsciiDigit(schema[0]))
        {
            errors.Add($"database.schema: '{schema}'; allowed: 1 to 63 lowercase letters, digits or '_', not starting with a digit");
        }

        var marketplace = MarketplaceConfiguration.Validate(file.Marketplace, errors);
        var dataDirectory = Path.GetFullPath(dataDirectoryOverride ?? file.DataDirectory ?? ".data");
        var volumeDirectory = file.Volumes?.Directory;
        if (volumeDirectory is not null && (volumeDirectory.Length == 0 || volumeDirectory.Any(char.IsControl)))
        {
            errors.Add($"volumes.directory: '{volumeDirectory}'; allowed: a path without control characters");
        }

        return new ServerSettings
        {
            Marketplace = marketplace,
            DataDirectory = dataDirectory,
            VolumeDirectory = Path.GetFullPath(volumeDirectory is { Length: > 0 } ? volumeDirectory : Path.Combine(dataDirectory, "volumes"), dataDirectory),
            ConnectionString = file.Database?.ConnectionString ?? ServerSettings.DefaultConnectionString,
            Schema = schema,
            ListenAddress = address,
            ApiPort = ports[0].Value,
            Ec2Port = ports[1].Value,
            OcciPort = ports[2].Value,
            CdmiPort = ports[3].Value,
            AdminName = adminName,
            Ec2Region = region,
            Ec2ConcurrentCalls = concurrentCalls,
            Ec2WaitingCalls = waitingCalls,
            NodeJoinToken = token,
            PrivateSubnet = subnet,
            CdmiCreateParents = cdmi.CreateParents ?? false,
            CdmiMaxValueBytes = maxValue,
            CdmiMaxJsonBytes = maxJson,
            CdmiEnterpriseNumber = enterprise,
            Compute = new ComputeOptions
            {
                InstanceTypes = types,
                Placement = placement,
                DefaultQuota = quota,
                Heartbeat = TimeSpan.FromSeconds(heartbeat),
                MissedHeartbeats = missed,
                NodeJoinToken = token ?? "",
                PrivateNetwork = privateNetwork,
                PublicAddresses = publicAddresses,
                AddressesPerOwner = perUser,
                AvailabilityZone = zone,
                UsersMayPublishImages = compute.UsersMayPublishImages ?? true,
            },
        };
    }

    private static IReadOnlyList<InstanceType> InstanceTypes(IReadOnlyList<InstanceTypeEntry>? entries, List<string> errors)
    {
        if (entries is null)
        {
            return InstanceType.Defaults;
        }

        if (entries.Count == 0)
        {
            errors.Add("compute.instanceTypes: empty; allowed: at least one type (or leave it out for the defaults)");
        }

        var types = new List<InstanceType>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"compute.instanceTypes[{i}]");
            if (string.IsNullOrWhiteSpace(e.Name) || e.Name.Length > 64)
            {
                errors.Add($"{at}.name: '{e.Name}'; allowed: 1 to 64 characters");
            }
            else if (types.Any(t => t.Name == e.Name))
            {
                errors.Add($"{at}.name: '{e.Name}' appears twice; allowed: each name once");
            }

            if (e.Cpus is not (>= 1 and <= 1024))
            {
                errors.Add($"{at}.cpus: {Show(e.Cpus)}; allowed: 1 to 1024");
            }

            if (e.MemoryMiB is not (>= 64 and <= 16_777_216))
            {
                errors.Add($"{at}.memoryMiB: {Show(e.MemoryMiB)}; allowed: 64 to 16777216");
            }

            types.Add(new InstanceType(e.Name ?? "", e.Cpus ?? 0, e.MemoryMiB ?? 0));
        }

        return types;
    }

    private static Quota DefaultQuota(QuotaEntry? entry, List<string> errors)
    {
        if (entry is null)
        {
            return Quota.SiteDefault;
        }

        if (entry.Instances is < 0)
        {
            errors.Add($"compute.defaultQuota.instances: {entry.Instances}; allowed: 0 or more, or leave it out for no limit");
        }

        if (entry.Cpus is < 0)
        {
            errors.Add($"compute.defaultQuota.cpus: {entry.Cpus}; allowed: 0 or more, or leave it out for no limit");
        }

        if (entry.MemoryMiB is < 0)
        {
            errors.Add($"compute.defaultQuota.memoryMiB: {entry.MemoryMiB}; allowed: 0 or more, or leave it out for no limit");
        }

        if (entry.VolumeGiB is < 0)
        {
            errors.Add($"compute.defaultQuota.volumeGiB: {entry.VolumeGiB}; allowed: 0 or more, or leave it out for no limit");
        }

        if (entry.Snapshots is < 0)
        {
            errors.Add($"compute.defaultQuota.snapshots: {entry.Snapshots}; allowed: 0 or more, or leave it out for no limit");
        }

        return new Quota(entry.Instances, entry.Cpus, entry.MemoryMiB, entry.VolumeGiB, entry.Snapshots);
    }

    private static string Show<T>(T? value) where T : struct => value?.ToString() ?? "missing";
}
