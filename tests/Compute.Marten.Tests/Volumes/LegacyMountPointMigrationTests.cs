using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Marten.Tests.Volumes;

/// <summary>The start-up pass that moves mount points earlier versions kept as instance tags onto their attachments.</summary>
public sealed class LegacyMountPointMigrationTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task Migrate_FromTwoReplicasAtOnce_MovesMountPointsOntoBareAttachments_DropsTheTags_Once()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice);
        var bare = await AttachedAsync(alice, instance, mountPoint: null);
        var mounted = await AttachedAsync(alice, instance, mountPoint: "/srv/kept");
        var detached = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default)).Value!;
        var other = await core.LaunchAsync(alice);
        await TagAsync(other.Id, new() { [VolumeService.LegacyMountPointTag + detached.Id] = "/mnt/gone" });
        await TagAsync(instance.Id, new()
        {
            [VolumeService.LegacyMountPointTag + bare.Id] = "/mnt/data",
            [VolumeService.LegacyMountPointTag + mounted.Id] = "/mnt/old",
            [VolumeService.LegacyMountPointTag + detached.Id] = "/mnt/gone",
            ["role"] = "db",
        });

        var changed = await Task.WhenAll(core.Volumes.MoveLegacyMountPointsAsync(default), core.ReplicaVolumes().MoveLegacyMountPointsAsync(default));

        Assert.Equal(new[] { 0, 2 }, changed.Order());
        Assert.Equal(new Dictionary<string, string> { ["role"] = "db" }, (await core.Instances.GetAsync(alice, instance.Id, default)).Value!.Tags);
        Assert.Empty((await core.Instances.GetAsync(alice, other.Id, default)).Value!.Tags);
        Assert.Equal("/mnt/data", (await core.Volumes.GetAsync(alice, bare.Id, default)).Value!.Attachments.Single().MountPoint);
        Assert.Equal("/srv/kept", (await core.Volumes.GetAsync(alice, mounted.Id, default)).Value!.Attachments.Single().MountPoint);
        Assert.Empty((await core.Volumes.GetAsync(alice, detached.Id, default)).Value!.Attachments);
        var history = (await core.Instances.HistoryAsync(alice, instance.Id, default)).Value!;
        var untagged = Assert.Single(history, h => h.Description.StartsWith("untagged", StringComparison.Ordinal));
        Assert.Equal(("mount-point-migration", "core"), (untagged.Actor, untagged.Via));
        Assert.Contains(VolumeService.LegacyMountPointTag + bare.Id, untagged.Description, StringComparison.Ordinal);
        Assert.Contains((await core.Volumes.HistoryAsync(alice, bare.Id, default)).Value!, h => h.Description.Contains("set to /mnt/data", StringComparison.Ordinal));
        Assert.DoesNotContain((await core.Volumes.HistoryAsync(alice, mounted.Id, default)).Value!, h => h.Description.Contains("/mnt/old", StringComparison.Ordinal));

        // Done once for the store: a tag written afterwards under that key is an ordinary tag, and later starts leave it be.
        await TagAsync(instance.Id, new() { [VolumeService.LegacyMountPointTag + bare.Id] = "mine" });
        Assert.Equal(0, await core.Volumes.MoveLegacyMountPointsAsync(default));
        Assert.Equal("mine", (await core.Instances.GetAsync(alice, instance.Id, default)).Value!.Tags[VolumeService.LegacyMountPointTag + bare.Id]);
    }

    private async Task<Volume> AttachedAsync(Actor actor, Instance instance, string? mountPoint)
    {
        var volume = (await core.Volumes.CreateAsync(actor, new VolumeRequest(1), default)).Value!;
        var attached = await core.Volumes.AttachAsync(actor, volume.Id, instance.Id, null, mountPoint, default);
        Assert.True(attached.IsOk, attached.Reason);
        return attached.Value!;
    }

    // As earlier versions left them: tags on the instance's own stream.
    private async Task TagAsync(string instanceId, Dictionary<string, string> tags)
    {
        await using var session = core.Store.OpenSession();
        var instance = (await session.FindInstanceAsync(instanceId, default))!;
        session.AppendInstance(instanceId, instance.Version, [new InstanceTagsChanged(new EventContext("occi-user", "occi", DateTimeOffset.UtcNow), tags, [])]);
        Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
    }
}
