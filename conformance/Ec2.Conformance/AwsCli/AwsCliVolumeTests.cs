using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Volumes through awscli: create, describe (ids, filters, pages), delete, the errors, and owner isolation.</summary>
public sealed class AwsCliVolumeTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    private string Zone => cloud.Service<Ec2Compat.Ec2Options>().Zone;

    private static IEnumerable<string> Ids(JsonElement answer) =>
        answer.GetProperty("Volumes").EnumerateArray().Select(v => v.GetProperty("VolumeId").GetString()!);

    [Fact]
    public async Task Volumes_CreateDescribeDelete_AsEc2Answers()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "vol-cli");
        var created = await cli.OkAsync("create-volume", "--size", "3", "--availability-zone", Zone, "--volume-type", "io1", "--iops", "100",
            "--tag-specifications", "ResourceType=volume,Tags=[{Key=purpose,Value=scratch}]");
        var id = created.GetProperty("VolumeId").GetString()!;
        Assert.StartsWith("vol-", id, StringComparison.Ordinal);
        Assert.Equal(3, created.GetProperty("Size").GetInt32());
        Assert.Equal("io1", created.GetProperty("VolumeType").GetString());
        Assert.Equal(Zone, created.GetProperty("AvailabilityZone").GetString());

        var byId = await cli.OkAsync("describe-volumes", "--volume-ids", id);
        var volume = Assert.Single(byId.GetProperty("Volumes").EnumerateArray());
        Assert.Contains(volume.GetProperty("State").GetString(), new[] { "creating", "available" });
        Assert.Equal("scratch", volume.GetProperty("Tags")[0].GetProperty("Value").GetString());
        Assert.Empty(volume.GetProperty("Attachments").EnumerateArray());
        Assert.Equal("io1", volume.GetProperty("VolumeType").GetString());

        var filtered = await cli.OkAsync("describe-volumes", "--filters", "Name=tag:purpose,Values=scratch", "Name=size,Values=3",
            "Name=availability-zone,Values=" + Zone, "Name=volume-type,Values=io1");
        Assert.Equal([id], Ids(filtered));
        var none = await cli.OkAsync("describe-volumes", "--filters", "Name=size,Values=4");
        Assert.Empty(Ids(none));
        Assert.Empty(Ids(await cli.OkAsync("describe-volumes", "--filters", "Name=volume-type,Values=gp2")));

        await cli.OkAsync("delete-volume", "--volume-id", id);
        await cli.FailsAsync("InvalidVolume.NotFound", "describe-volumes", "--volume-ids", id);
        await cli.FailsAsync("InvalidVolume.NotFound", "delete-volume", "--volume-id", id);
    }

    [Fact]
    public async Task CreateVolume_BadInput_Ec2Errors()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "vol-cli-errors");
        await cli.FailsAsync("InvalidParameterValue", "create-volume", "--size", "0", "--availability-zone", Zone);
        await cli.FailsAsync("InvalidParameterValue", "create-volume", "--size", "16385", "--availability-zone", Zone);
        await cli.FailsAsync("InvalidParameterValue", "create-volume", "--size", "1", "--availability-zone", "elsewhere-1a");
        await cli.FailsAsync("InvalidParameterValue", "create-volume", "--size", "1", "--availability-zone", Zone, "--encrypted");
        await cli.FailsAsync("MissingParameter", "create-volume", "--availability-zone", Zone);
        await cli.FailsAsync("InvalidSnapshot.NotFound", "create-volume", "--snapshot-id", "snap-0000000000000000f", "--availability-zone", Zone);
        await cli.FailsAsync("InvalidVolume.Malformed", "describe-volumes", "--volume-ids", "volume-1");
        await cli.FailsAsync("InvalidParameterValue", "describe-volumes", "--filters", "Name=colour,Values=red");
        await cli.FailsAsync("DryRunOperation", "create-volume", "--size", "1", "--availability-zone", Zone, "--dry-run");
        Assert.Empty(Ids(await cli.OkAsync("describe-volumes")));
    }

    [Fact]
    public async Task DescribeVolumes_PageSizeFive_FollowsTokensToEveryVolume()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "vol-cli-pages");
        var made = new List<string>();
        for (var n = 0; n < 7; n++)
        {
            made.Add((await cli.OkAsync("create-volume", "--size", "1", "--availability-zone", Zone)).GetProperty("VolumeId").GetString()!);
        }

        var paged = await cli.OkAsync("describe-volumes", "--page-size", "5");
        Assert.Equal(made.Order(StringComparer.Ordinal), Ids(paged).Order(StringComparer.Ordinal));
        await cli.FailsAsync("InvalidParameterValue", "describe-volumes", "--page-size", "4");
    }

    [Fact]
    public async Task Volumes_AnotherOwner_NotFoundAndNotListed()
    {
        var owner = await AwsCli.NewUserAsync(cloud, "vol-owner");
        var other = await AwsCli.NewUserAsync(cloud, "vol-stranger");
        var id = (await owner.OkAsync("create-volume", "--size", "1", "--availability-zone", Zone)).GetProperty("VolumeId").GetString()!;

        await other.FailsAsync("InvalidVolume.NotFound", "describe-volumes", "--volume-ids", id);
        await other.FailsAsync("InvalidVolume.NotFound", "delete-volume", "--volume-id", id);
        await other.FailsAsync("InvalidVolume.NotFound", "create-snapshot", "--volume-id", id);
        await other.FailsAsync("InvalidVolume.NotFound", "create-tags", "--resources", id, "--tags", "Key=mine,Value=now");
        Assert.DoesNotContain(id, Ids(await other.OkAsync("describe-volumes")));

        var snapshot = (await owner.OkAsync("create-snapshot", "--volume-id", id)).GetProperty("SnapshotId").GetString()!;
        await other.FailsAsync("InvalidSnapshot.NotFound", "describe-snapshots", "--snapshot-ids", snapshot);
        await other.FailsAsync("InvalidSnapshot.NotFound", "delete-snapshot", "--snapshot-id", snapshot);
        Assert.Empty((await other.OkAsync("describe-snapshots", "--owner-ids", "self")).GetProperty("Snapshots").EnumerateArray());
        Assert.Single((await owner.OkAsync("describe-volumes", "--volume-ids", id)).GetProperty("Volumes").EnumerateArray());
        Assert.Equal(1, (await owner.OkAsync("describe-snapshots", "--owner-ids", "self")).GetProperty("Snapshots").GetArrayLength());
        Assert.Equal(0, (await owner.OkAsync("describe-snapshots", "--owner-ids", "amazon")).GetProperty("Snapshots").GetArrayLength());
    }

    [Fact]
    public async Task Tags_OnVolumesAndSnapshots_DescribedWithTheirResourceTypes()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "vol-cli-tags");
        var volume = (await cli.OkAsync("create-volume", "--size", "1", "--availability-zone", Zone)).GetProperty("VolumeId").GetString()!;
        var snapshot = (await cli.OkAsync("create-snapshot", "--volume-id", volume, "--description", "tagged")).GetProperty("SnapshotId").GetString()!;

        await cli.OkAsync("create-tags", "--resources", volume, snapshot, "--tags", "Key=stage,Value=test");
        var tags = await cli.OkAsync("describe-tags", "--filters", "Name=key,Values=stage");
        var found = tags.GetProperty("Tags").EnumerateArray()
            .Select(t => (t.GetProperty("ResourceId").GetString(), t.GetProperty("ResourceType").GetString()))
            .Order().ToList();
        Assert.Equal([(snapshot, "snapshot"), (volume, "volume")], found);
        var byType = await cli.OkAsync("describe-tags", "--filters", "Name=resource-type,Values=volume");
        Assert.Equal([volume], byType.GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("ResourceId").GetString()));

        await cli.OkAsync("delete-tags", "--resources", volume, "--tags", "Key=stage");
        var left = await cli.OkAsync("describe-volumes", "--volume-ids", volume);
        Assert.False(left.GetProperty("Volumes")[0].TryGetProperty("Tags", out var remaining) && remaining.GetArrayLength() > 0);
        var stillTagged = await cli.OkAsync("describe-snapshots", "--filters", "Name=tag:stage,Values=test");
        Assert.Equal([snapshot], stillTagged.GetProperty("Snapshots").EnumerateArray().Select(s => s.GetProperty("SnapshotId").GetString()));
    }

    [Fact]
    public async Task VolumeQuota_CreateAndLaunchBeyondIt_VolumeLimitExceeded()
    {
        var image = await cloud.RegisterImageAsync("vol-quota-" + Guid.NewGuid().ToString("N")[..8]);
        var cli = await AwsCli.NewUserAsync(cloud, "vol-quota", new { volumeGiB = 3 });
        await cli.OkAsync("create-volume", "--size", "2", "--availability-zone", Zone);

        await cli.FailsAsync("VolumeLimitExceeded", "create-volume", "--size", "2", "--availability-zone", Zone);
        await cli.FailsAsync("VolumeLimitExceeded", "run-instances", "--image-id", image, "--count", "1",
            "--block-device-mappings", "DeviceName=/dev/sdf,Ebs={VolumeSize=2}");
        await cli.FailsAsync("InvalidSnapshot.NotFound", "run-instances", "--image-id", image, "--count", "1",
            "--block-device-mappings", "DeviceName=/dev/sdf,Ebs={SnapshotId=snap-0000000000000000f}");
        Assert.Empty((await cli.OkAsync("describe-instances")).GetProperty("Reservations").EnumerateArray());
        Assert.Single(Ids(await cli.OkAsync("describe-volumes")));
    }

    [Fact]
    public async Task AttachVolume_AnotherOwnersInstance_InstanceNotFound()
    {
        var image = await cloud.RegisterImageAsync("vol-attach-" + Guid.NewGuid().ToString("N")[..8]);
        var owner = await AwsCli.NewUserAsync(cloud, "vol-instance-owner");
        var other = await AwsCli.NewUserAsync(cloud, "vol-intruder");
        var instance = (await owner.OkAsync("run-instances", "--image-id", image, "--count", "1")).GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        var volume = (await other.OkAsync("create-volume", "--size", "1", "--availability-zone", Zone)).GetProperty("VolumeId").GetString()!;

        await other.FailsAsync("InvalidInstanceID.NotFound", "attach-volume", "--volume-id", volume, "--instance-id", instance, "--device", "/dev/sdf");
        await owner.FailsAsync("InvalidVolume.NotFound", "attach-volume", "--volume-id", volume, "--instance-id", instance, "--device", "/dev/sdf");
        Assert.Empty((await other.OkAsync("describe-volumes", "--volume-ids", volume)).GetProperty("Volumes")[0].GetProperty("Attachments").EnumerateArray());
        await owner.OkAsync("terminate-instances", "--instance-ids", instance);
    }

    // EC2 API reference, RunInstances TagSpecification: ResourceType volume tags the volumes the launch makes.
    [Fact]
    public async Task RunInstances_VolumeTagSpecification_TagsTheVolumesItMakes()
    {
        var image = await cloud.RegisterImageAsync("vol-tags-" + Guid.NewGuid().ToString("N")[..8]);
        var cli = await AwsCli.NewUserAsync(cloud, "vol-tagger");
        var run = await cli.OkAsync("run-instances", "--image-id", image, "--count", "1",
            "--block-device-mappings", "DeviceName=/dev/sdf,Ebs={VolumeSize=1}",
            "--tag-specifications", "ResourceType=volume,Tags=[{Key=backup,Value=nightly}]", "ResourceType=instance,Tags=[{Key=role,Value=db}]");
        var instance = run.GetProperty("Instances")[0];

        var volumes = await cli.OkAsync("describe-volumes", "--filters", "Name=attachment.instance-id,Values=" + instance.GetProperty("InstanceId").GetString());
        var volume = Assert.Single(volumes.GetProperty("Volumes").EnumerateArray());

        Assert.Equal("nightly", volume.GetProperty("Tags").EnumerateArray().Single(t => t.GetProperty("Key").GetString() == "backup").GetProperty("Value").GetString());
        Assert.Equal("db", instance.GetProperty("Tags").EnumerateArray().Single().GetProperty("Value").GetString());
        await cli.FailsAsync("InvalidParameterValue", "run-instances", "--image-id", image, "--count", "1",
            "--tag-specifications", "ResourceType=snapshot,Tags=[{Key=a,Value=b}]");
    }
}
