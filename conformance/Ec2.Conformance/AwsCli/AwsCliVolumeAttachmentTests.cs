using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>
/// Volumes on running instances through awscli, on a host whose guests ignore an unplug: a forced
/// detach, the snapshot and instance limits, and instance tags EC2 does not show.
/// </summary>
public sealed class AwsCliVolumeAttachmentTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    private string Zone => cloud.Service<Ec2Compat.Ec2Options>().Zone;

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "attach-host", cpus: 16, memoryMiB: 65536) { GuestsIgnoreUnplug = true };
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("attach-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task DetachVolume_Force_ReleasesAVolumeTheGuestKeeps()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "vol-force");
        var instance = await RunningInstanceAsync(cli);
        var volume = (await cli.OkAsync("create-volume", "--size", "1", "--availability-zone", Zone)).GetProperty("VolumeId").GetString()!;
        await cli.OkAsync("attach-volume", "--volume-id", volume, "--instance-id", instance, "--device", "/dev/sdf");
        await WaitForAttachmentAsync(cli, volume, "attached");

        var plain = await cli.OkAsync("detach-volume", "--volume-id", volume);
        Assert.Equal("detaching", plain.GetProperty("State").GetString());
        var forced = await cli.OkAsync("detach-volume", "--volume-id", volume, "--instance-id", instance, "--force");

        Assert.Equal("detached", forced.GetProperty("State").GetString());
        var after = (await cli.OkAsync("describe-volumes", "--volume-ids", volume)).GetProperty("Volumes")[0];
        Assert.Equal("available", after.GetProperty("State").GetString());
        Assert.Empty(after.GetProperty("Attachments").EnumerateArray());
        await cli.FailsAsync("IncorrectState", "detach-volume", "--volume-id", volume, "--force");
    }

    [Fact]
    public async Task CreateSnapshot_BeyondTheSnapshotQuota_SnapshotLimitExceeded()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "snap-quota", new { snapshots = 1 });
        var volume = (await cli.OkAsync("create-volume", "--size", "1", "--availability-zone", Zone)).GetProperty("VolumeId").GetString()!;
        var first = (await cli.OkAsync("create-snapshot", "--volume-id", volume)).GetProperty("SnapshotId").GetString()!;

        await cli.FailsAsync("SnapshotLimitExceeded", "create-snapshot", "--volume-id", volume);
        await cli.OkAsync("delete-snapshot", "--snapshot-id", first);
        await cli.OkAsync("create-snapshot", "--volume-id", volume);
    }

    [Fact]
    public async Task RunInstances_WithABlockDevice_OverTheInstanceQuota_InstanceLimitExceeded()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "typed-quota", new { instances = 1, volumeGiB = 100 });
        await cli.OkAsync("run-instances", "--image-id", _image, "--count", "1");

        await cli.FailsAsync("InstanceLimitExceeded", "run-instances", "--image-id", _image, "--count", "1",
            "--block-device-mappings", "DeviceName=/dev/sdf,Ebs={VolumeSize=1}");
        Assert.Single((await cli.OkAsync("describe-instances")).GetProperty("Reservations").EnumerateArray());
    }

    [Fact]
    public async Task InstanceTags_TheKeyOfOldOcciMountPoints_IsAnOrdinaryTag()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "old-tags");
        var instance = (await cli.OkAsync("run-instances", "--image-id", _image, "--count", "1")).GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        const string key = "occi.storagelink.mountpoint:vol-0123456789abcdef0";
        await cli.OkAsync("create-tags", "--resources", instance, "--tags", $"Key={key},Value=/mnt/data", "Key=role,Value=db");

        var described = (await cli.OkAsync("describe-instances", "--instance-ids", instance)).GetProperty("Reservations")[0].GetProperty("Instances")[0];
        Assert.Equal([key, "role"], described.GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Key").GetString()).Order(StringComparer.Ordinal));
        var tags = (await cli.OkAsync("describe-tags", "--filters", "Name=resource-id,Values=" + instance)).GetProperty("Tags");
        Assert.Equal([key, "role"], tags.EnumerateArray().Select(t => t.GetProperty("Key").GetString()).Order(StringComparer.Ordinal));
        var filtered = await cli.OkAsync("describe-instances", "--filters", "Name=tag-key,Values=" + key);
        Assert.Equal(instance, Assert.Single(filtered.GetProperty("Reservations").EnumerateArray()).GetProperty("Instances")[0].GetProperty("InstanceId").GetString());
    }

    private async Task<string> RunningInstanceAsync(AwsCli cli)
    {
        var id = (await cli.OkAsync("run-instances", "--image-id", _image, "--count", "1")).GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        using var api = cloud.AdminClient();
        await api.WaitForStateAsync(id, "Running");
        return id;
    }

    private static async Task WaitForAttachmentAsync(AwsCli cli, string volume, string state)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var attachments = (await cli.OkAsync("describe-volumes", "--volume-ids", volume)).GetProperty("Volumes")[0].GetProperty("Attachments");
            if (attachments.EnumerateArray().Any(a => a.GetProperty("State").GetString() == state))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"volume {volume} never became {state}");
    }
}
