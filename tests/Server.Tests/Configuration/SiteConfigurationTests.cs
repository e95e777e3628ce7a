using StandardsCloud.Compute.Scheduling;
using StandardsCloud.Server.Configuration;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Configuration;

public sealed class SiteConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new("config");

    public void Dispose() => _dir.Dispose();

    private (ServerSettings? Settings, IReadOnlyList<string> Errors) LoadText(string json)
    {
        var path = Path.Combine(_dir.Path, "site.json");
        File.WriteAllText(path, json);
        return SiteConfigurationLoader.Load(path);
    }

    [Fact]
    public void Load_NoFile_EmbeddedDefaults()
    {
        var (settings, errors) = SiteConfigurationLoader.Load(null);
        Assert.Empty(errors);
        Assert.Equal(8080, settings!.ApiPort);
        Assert.Equal(7, settings.Compute.InstanceTypes.Count);
        Assert.Equal(PlacementPolicy.Striping, settings.Compute.Placement);
    }

    [Fact]
    public void Load_GoodFile_ValuesTaken()
    {
        var (settings, errors) = LoadText("""
            { "listen": { "api": 9090 },
              "compute": { "placement": "packing", "instanceTypes": [ { "name": "tiny", "cpus": 1, "memoryMiB": 128 } ] } }
            """);
        Assert.Empty(errors);
        Assert.Equal(9090, settings!.ApiPort);
        Assert.Equal(PlacementPolicy.Packing, settings.Compute.Placement);
        Assert.Equal("tiny", Assert.Single(settings.Compute.InstanceTypes).Name);
    }

    [Fact]
    public void Load_BadValues_EachNamedWithValueAndAllowed()
    {
        var (settings, errors) = LoadText("""
            { "listen": { "api": 70000, "ec2": 8787 },
              "compute": { "placement": "random", "heartbeatSeconds": 0,
                           "instanceTypes": [ { "name": "a", "cpus": 0, "memoryMiB": 512 }, { "name": "a", "cpus": 1, "memoryMiB": 1 } ] } }
            """);
        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("listen.api: 70000", StringComparison.Ordinal) && e.Contains("1 to 65535", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("listen.ec2 and listen.occi: all 8787", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("compute.placement: 'random'", StringComparison.Ordinal) && e.Contains("striping, packing, load-aware", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("compute.heartbeatSeconds: 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("compute.instanceTypes[0].cpus: 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("compute.instanceTypes[1].name: 'a' appears twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("compute.instanceTypes[1].memoryMiB: 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Ec2Region_TakenOrRefusedWithAllowed()
    {
        Assert.Equal("RegionOne", SiteConfigurationLoader.Load(null).Settings!.Ec2Region);
        Assert.Equal("grid-site-1", LoadText("""{ "ec2": { "region": "grid-site-1" } }""").Settings!.Ec2Region);
        Assert.StartsWith("ec2.region: 'bad region'", Assert.Single(LoadText("""{ "ec2": { "region": "bad region" } }""").Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UsersMayPublishImages_TrueUnlessTheSiteSaysFalse()
    {
        Assert.True(SiteConfigurationLoader.Load(null).Settings!.Compute.UsersMayPublishImages);
        Assert.False(LoadText("""{ "compute": { "usersMayPublishImages": false } }""").Settings!.Compute.UsersMayPublishImages);
        Assert.True(LoadText("""{ "compute": { "usersMayPublishImages": true } }""").Settings!.Compute.UsersMayPublishImages);
    }

    [Fact]
    public void Load_UnknownField_NamedAsUnknown()
    {
        var (_, errors) = LoadText("""{ "compute": { "placment": "packing" } }""");
        var error = Assert.Single(errors);
        Assert.Contains("placment", error, StringComparison.Ordinal);
        Assert.Contains("unknown field", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongType_NamesFieldAndLine()
    {
        var (_, errors) = LoadText("{\n  \"listen\": { \"api\": \"eighty\" }\n}");
        var error = Assert.Single(errors);
        Assert.Contains("listen.api", error, StringComparison.Ordinal);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_Refused() => Assert.Single(LoadText("placement = packing").Errors);

    [Fact]
    public void Load_MissingFile_Refused() =>
        Assert.Contains("no such file", Assert.Single(SiteConfigurationLoader.Load(Path.Combine(_dir.Path, "absent.json")).Errors), StringComparison.Ordinal);

    [Fact]
    public void Load_Volumes_DirectoryQuotaAndTheOneZone()
    {
        var defaults = SiteConfigurationLoader.Load(null, _dir.Path).Settings!;
        Assert.Equal(Path.Combine(_dir.Path, "volumes"), defaults.VolumeDirectory);
        Assert.Equal(500, defaults.Compute.DefaultQuota.VolumeGiB);
        Assert.Equal(100, defaults.Compute.DefaultQuota.Snapshots);
        Assert.Equal("RegionOnea", defaults.Compute.AvailabilityZone);

        var path = Path.Combine(_dir.Path, "site.json");
        File.WriteAllText(path, """
            { "dataDirectory": "data", "volumes": { "directory": "/srv/shared/volumes" },
              "ec2": { "zone": "site-zone-b" }, "compute": { "defaultQuota": { "instances": 4, "volumeGiB": 50, "snapshots": 7 } } }
            """);
        var settings = SiteConfigurationLoader.Load(path).Settings!;
        Assert.Equal("/srv/shared/volumes", settings.VolumeDirectory);
        Assert.Equal("site-zone-b", settings.Compute.AvailabilityZone);
        Assert.Equal(50, settings.Compute.DefaultQuota.VolumeGiB);
        Assert.Equal(7, settings.Compute.DefaultQuota.Snapshots);

        Assert.StartsWith("compute.defaultQuota.volumeGiB: -1", Assert.Single(LoadText("""{ "compute": { "defaultQuota": { "volumeGiB": -1 } } }""").Errors), StringComparison.Ordinal);
        Assert.StartsWith("compute.defaultQuota.snapshots: -1", Assert.Single(LoadText("""{ "compute": { "defaultQuota": { "snapshots": -1 } } }""").Errors), StringComparison.Ordinal);
    }
}
