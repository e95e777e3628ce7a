using Amazon.EC2.Model;
using static StandardsCloud.Ec2.Conformance.AwsSdk.AwsSdkClient;

namespace StandardsCloud.Ec2.Conformance.AwsSdk;

/// <summary>Volumes, snapshots and block device mappings through the AWS SDK for .NET (AWSSDK.EC2 4.x).</summary>
public sealed class AwsSdkVolumeTests(Ec2Site site) : IClassFixture<Ec2Site>
{
    private async Task<string> NewVolumeAsync(int size, params Tag[] tags)
    {
        using var ec2 = For(site);
        var request = new CreateVolumeRequest { Size = size, AvailabilityZone = site.Zone };
        if (tags.Length > 0)
        {
            request.TagSpecifications = [new TagSpecification { ResourceType = "volume", Tags = [.. tags] }];
        }

        return (await ec2.CreateVolumeAsync(request)).Volume.VolumeId;
    }

    private static async Task<Volume> WaitForVolumeAsync(Amazon.EC2.AmazonEC2Client ec2, string id, Func<Volume, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        Volume seen;
        do
        {
            seen = Assert.Single((await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = [id] })).Volumes);
            if (done(seen))
            {
                return seen;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);
        throw new TimeoutException($"{id}: still {seen.State.Value} with {seen.Attachments?.Count ?? 0} attachments");
    }

    [Fact]
    public async Task RunInstances_BlockDeviceMappingKeptOnTermination_VolumeOutlivesInstance()
    {
        using var ec2 = For(site);
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = site.ImageId, MinCount = 1, MaxCount = 1, InstanceType = "m1.small",
            BlockDeviceMappings =
            [
                new BlockDeviceMapping { DeviceName = "/dev/sdf", Ebs = new EbsBlockDevice { VolumeSize = 2, DeleteOnTermination = false } },
                new BlockDeviceMapping { DeviceName = "/dev/sdb", VirtualName = "ephemeral0" },
            ],
        });
        var instance = Assert.Single(run.Reservation.Instances);
        var mapping = Assert.Single(instance.BlockDeviceMappings);
        Assert.Equal(("/dev/sdf", false), (mapping.DeviceName, mapping.Ebs.DeleteOnTermination));
        var volumeId = mapping.Ebs.VolumeId;

        await ec2.WaitForStateAsync([instance.InstanceId], "running");
        var attached = await WaitForVolumeAsync(ec2, volumeId, v => v.Attachments?.FirstOrDefault()?.State?.Value == "attached");
        Assert.Equal((2, "in-use"), (attached.Size, attached.State.Value));
        var described = Assert.Single(await ec2.InstancesAsync(new DescribeInstancesRequest { InstanceIds = [instance.InstanceId] }));
        Assert.Equal([("/dev/sdf", volumeId, "attached")], described.BlockDeviceMappings.Select(m => (m.DeviceName, m.Ebs.VolumeId, m.Ebs.Status.Value)));
        var byVolume = await ec2.InstancesAsync(Filter("block-device-mapping.volume-id", volumeId));
        Assert.Equal([instance.InstanceId], byVolume.Select(i => i.InstanceId));

        await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instance.InstanceId] });
        await ec2.WaitForStateAsync([instance.InstanceId], "terminated");
        var kept = await WaitForVolumeAsync(ec2, volumeId, v => v.State.Value == "available");
        Assert.Empty(kept.Attachments ?? []);
        await ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = volumeId });
    }

    [Fact]
    public async Task DescribeVolumes_MaxResultsFive_PagesWithNextToken()
    {
        using var ec2 = For(site);
        var mark = new Tag("page-run", Ec2Site.UniqueName("sdk"));
        var made = new List<string>();
        for (var n = 0; n < 6; n++)
        {
            made.Add(await NewVolumeAsync(1, mark));
        }

        var filter = Filter("tag:page-run", mark.Value);
        var first = await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = 5, Filters = [filter] });
        Assert.Equal(5, first.Volumes.Count);
        Assert.False(string.IsNullOrEmpty(first.NextToken));
        var second = await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = 5, Filters = [filter], NextToken = first.NextToken });
        Assert.Single(second.Volumes);
        Assert.True(string.IsNullOrEmpty(second.NextToken));
        Assert.Equal(made.Order(StringComparer.Ordinal), first.Volumes.Concat(second.Volumes).Select(v => v.VolumeId).Order(StringComparer.Ordinal));

        Assert.Equal("InvalidParameterCombination", await ErrorCodeAsync(() => ec2.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = 5, VolumeIds = [made[0]] })));
        Assert.Equal("InvalidParameterValue", await ErrorCodeAsync(() => ec2.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = 1001 })));
        Assert.Equal("InvalidPaginationToken", await ErrorCodeAsync(() => ec2.DescribeVolumesAsync(new DescribeVolumesRequest { MaxResults = 5, NextToken = "forged" })));
        foreach (var id in made)
        {
            await ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = id });
        }
    }

    [Fact]
    public async Task Snapshot_ToLargerVolume_RestoredAndDeleted()
    {
        using var ec2 = For(site);
        var source = await NewVolumeAsync(2);
        await WaitForVolumeAsync(ec2, source, v => v.State.Value == "available");

        var snapshot = (await ec2.CreateSnapshotAsync(new CreateSnapshotRequest { VolumeId = source, Description = "sdk copy" })).Snapshot;
        Assert.Equal((source, 2, "sdk copy"), (snapshot.VolumeId, snapshot.VolumeSize, snapshot.Description));
        var listed = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], Filters = [Filter("volume-id", source)] });
        Assert.Equal([snapshot.SnapshotId], listed.Snapshots.Select(s => s.SnapshotId));
        var paged = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { MaxResults = 5, OwnerIds = ["self"], Filters = [Filter("snapshot-id", snapshot.SnapshotId)] });
        Assert.Equal([snapshot.SnapshotId], paged.Snapshots.Select(s => s.SnapshotId));
        Assert.True(string.IsNullOrEmpty(paged.NextToken));
        Assert.Equal("InvalidParameterCombination", await ErrorCodeAsync(() =>
            ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { MaxResults = 5, SnapshotIds = [snapshot.SnapshotId] })));

        var restored = (await ec2.CreateVolumeAsync(new CreateVolumeRequest { SnapshotId = snapshot.SnapshotId, Size = 3, AvailabilityZone = site.Zone })).Volume;
        Assert.Equal((snapshot.SnapshotId, 3), (restored.SnapshotId, restored.Size));
        var fromSnapshot = (await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { Filters = [Filter("snapshot-id", snapshot.SnapshotId)] })).Volumes;
        Assert.Equal([restored.VolumeId], fromSnapshot.Select(v => v.VolumeId));

        await ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshot.SnapshotId });
        Assert.Equal("InvalidSnapshot.NotFound", await ErrorCodeAsync(() => ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshot.SnapshotId })));
        Assert.Equal("InvalidSnapshot.Malformed", await ErrorCodeAsync(() => ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = "snapshot-1" })));
        await ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = source });
        await ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = restored.VolumeId });
    }

    [Fact]
    public async Task AttachAndDetach_WrongDeviceOrInstance_Ec2Errors()
    {
        using var ec2 = For(site);
        var volume = await NewVolumeAsync(1);
        await WaitForVolumeAsync(ec2, volume, v => v.State.Value == "available");
        var instance = Assert.Single((await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = site.ImageId, MinCount = 1, MaxCount = 1 })).Reservation.Instances).InstanceId;
        await ec2.WaitForStateAsync([instance], "running");

        Assert.Equal("InvalidParameterValue", await ErrorCodeAsync(() => ec2.AttachVolumeAsync(new AttachVolumeRequest { VolumeId = volume, InstanceId = instance, Device = "/dev/sda9" })));
        Assert.Equal("InvalidInstanceID.NotFound", await ErrorCodeAsync(() => ec2.AttachVolumeAsync(new AttachVolumeRequest { VolumeId = volume, InstanceId = "i-0000000000000000f", Device = "/dev/sdf" })));
        Assert.Equal("IncorrectState", await ErrorCodeAsync(() => ec2.DetachVolumeAsync(new DetachVolumeRequest { VolumeId = volume })));

        var attachment = (await ec2.AttachVolumeAsync(new AttachVolumeRequest { VolumeId = volume, InstanceId = instance, Device = "/dev/sdf" })).Attachment;
        Assert.Equal((volume, instance, "/dev/sdf"), (attachment.VolumeId, attachment.InstanceId, attachment.Device));
        await WaitForVolumeAsync(ec2, volume, v => v.Attachments?.FirstOrDefault()?.State?.Value == "attached");
        Assert.Equal("InvalidAttachment.NotFound", await ErrorCodeAsync(() => ec2.DetachVolumeAsync(new DetachVolumeRequest { VolumeId = volume, InstanceId = "i-0000000000000000f" })));
        Assert.Equal("InvalidAttachment.NotFound", await ErrorCodeAsync(() => ec2.DetachVolumeAsync(new DetachVolumeRequest { VolumeId = volume, Device = "/dev/sdg" })));

        var detaching = (await ec2.DetachVolumeAsync(new DetachVolumeRequest { VolumeId = volume, InstanceId = instance, Device = "/dev/sdf", Force = true })).Attachment;
        Assert.Contains(detaching.State.Value, new[] { "detaching", "detached" });
        await WaitForVolumeAsync(ec2, volume, v => v.State.Value == "available");
        await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instance] });
        await ec2.WaitForStateAsync([instance], "terminated");
        Assert.Equal("IncorrectInstanceState", await ErrorCodeAsync(() => ec2.AttachVolumeAsync(new AttachVolumeRequest { VolumeId = volume, InstanceId = instance, Device = "/dev/sdf" })));
        await ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = volume });
    }
}
