using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Marten.Tests.Volumes;

/// <summary>Creating, attaching, detaching and deleting volumes through the service, on the Marten store.</summary>
public sealed class VolumeServiceTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    private async Task<Volume> CreateAsync(Actor actor, int size = 1, VolumeVisibility visibility = VolumeVisibility.Private)
    {
        var created = await core.Volumes.CreateAsync(actor, new VolumeRequest(size, Visibility: visibility), default);
        Assert.True(created.IsOk, created.Reason);
        return created.Value!;
    }

    [Fact]
    public async Task Create_Empty_AvailableWithTheBackendsSourceAndHistory()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice, 3);

        Assert.Equal(VolumeState.Available, volume.State);
        Assert.Equal("test-zone-a", volume.AvailabilityZone);
        Assert.Equal(new DiskSource(DiskSourceKind.File, "/fake/" + volume.Id + ".qcow2"), volume.Source);
        Assert.Equal(3, core.Backend.Volumes[volume.Id]);
        var history = (await core.Volumes.HistoryAsync(alice, volume.Id, default)).Value!;
        Assert.Equal(["VolumeCreated", "VolumeStateChanged"], history.Select(h => h.Event).Select(e => e.Split('.')[^1]).Select(Pascal));
        Assert.Equal(alice.UserId, history[0].Actor);
        Assert.Equal("Creating → Available", history[1].Description);
    }

    [Fact]
    public async Task Create_BackendFails_ErrorWithTheBackendsReason()
    {
        var alice = CoreFixture.NewUser("alice");
        core.Backend.FailCreates = true;
        try
        {
            var created = await core.Volumes.CreateAsync(alice, new VolumeRequest(1), default);
            Assert.True(created.IsOk);
            Assert.Equal(VolumeState.Error, created.Value!.State);
            Assert.Contains("no space left", created.Value.StateReason);
        }
        finally
        {
            core.Backend.FailCreates = false;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16385)]
    public async Task Create_SizeOutOfRange_InvalidParameter(int size)
    {
        var created = await core.Volumes.CreateAsync(CoreFixture.NewUser("alice"), new VolumeRequest(size), default);
        Assert.Equal(ComputeStatus.InvalidParameter, created.Status);
        Assert.Contains("1 to 16384", created.Reason);
    }

    [Fact]
    public async Task Create_OtherZone_InvalidParameter()
    {
        var created = await core.Volumes.CreateAsync(CoreFixture.NewUser("alice"), new VolumeRequest(1, AvailabilityZone: "elsewhere"), default);
        Assert.Equal(ComputeStatus.InvalidParameter, created.Status);
    }

    [Fact]
    public async Task Create_SameClientTokenTwice_OneVolume()
    {
        var alice = CoreFixture.NewUser("alice");
        var first = await core.Volumes.CreateAsync(alice, new VolumeRequest(1, ClientToken: "tok"), default);
        var second = await core.Volumes.CreateAsync(alice, new VolumeRequest(1, ClientToken: "tok"), default);
        var otherOwner = await core.Volumes.CreateAsync(CoreFixture.NewUser("bob"), new VolumeRequest(1, ClientToken: "tok"), default);

        Assert.Equal(first.Value!.Id, second.Value!.Id);
        Assert.NotEqual(first.Value.Id, otherOwner.Value!.Id);
        Assert.Single(await core.Volumes.ListAsync(alice, new VolumeQuery(), default));
    }

    [Fact]
    public async Task Create_BeyondTheVolumeQuota_QuotaExceededNamingTheLimit()
    {
        var alice = CoreFixture.NewUser("alice");
        await CreateAsync(alice, 400);
        var refused = await core.Volumes.CreateAsync(alice, new VolumeRequest(101), default);

        Assert.Equal(ComputeStatus.QuotaExceeded, refused.Status);
        Assert.Contains("volume quota 500 GiB", refused.Reason);
        Assert.True((await core.Volumes.CreateAsync(alice, new VolumeRequest(100), default)).IsOk);
    }

    [Fact]
    public async Task Quota_OfTheUserOverridesTheSiteDefault()
    {
        var identity = new IdentityService(core.Store, new SecretBox(new byte[32]), TimeProvider.System);
        var carol = CoreFixture.NewUser("carol");
        Assert.True((await identity.CreateUserAsync(CoreFixture.Admin, carol.UserId, "a-password-long-enough", false, new Quota(null, null, null, 2), default)).IsOk);

        Assert.True((await core.Volumes.CreateAsync(carol, new VolumeRequest(2), default)).IsOk);
        Assert.Equal(ComputeStatus.QuotaExceeded, (await core.Volumes.CreateAsync(carol, new VolumeRequest(1), default)).Status);
    }

    [Fact]
    public async Task Snapshot_BeyondTheSnapshotQuota_RefusedNamingIt_UntilOneIsDeleted()
    {
        var identity = new IdentityService(core.Store, new SecretBox(new byte[32]), TimeProvider.System);
        var dave = CoreFixture.NewUser("dave");
        Assert.True((await identity.CreateUserAsync(CoreFixture.Admin, dave.UserId, "a-password-long-enough", false, new Quota(null, null, null, null, Snapshots: 1), default)).IsOk);
        var volume = await CreateAsync(dave);
        var first = await core.Volumes.SnapshotAsync(dave, volume.Id, null, null, default);
        Assert.True(first.IsOk, first.Reason);

        var refused = await core.Volumes.SnapshotAsync(dave, volume.Id, null, null, default);

        Assert.Equal((ComputeStatus.QuotaExceeded, QuotaKind.Snapshots), (refused.Status, refused.Quota));
        Assert.Contains("snapshot quota 1", refused.Reason);
        Assert.Single(await core.Volumes.ListSnapshotsAsync(dave, new SnapshotQuery(), default));
        Assert.True((await core.Volumes.DeleteSnapshotAsync(dave, first.Value!.Id, default)).IsOk);
        Assert.True((await core.Volumes.SnapshotAsync(dave, volume.Id, null, null, default)).IsOk);
    }

    [Fact]
    public async Task Launch_WithDisks_OverTheInstanceQuota_NamesTheInstanceLimit()
    {
        var identity = new IdentityService(core.Store, new SecretBox(new byte[32]), TimeProvider.System);
        var erin = CoreFixture.NewUser("erin");
        Assert.True((await identity.CreateUserAsync(CoreFixture.Admin, erin.UserId, "a-password-long-enough", false, new Quota(1, null, null, 100), default)).IsOk);
        var volume = await CreateAsync(erin);
        await core.LaunchAsync(erin);

        var refused = await core.Instances.LaunchAsync(erin,
            new LaunchRequest(core.ImageId, "t1.micro", Disks: [new LaunchDisk("/dev/sdf", 1, null)], Volumes: [new LaunchVolume(volume.Id)]), default);

        Assert.Equal((ComputeStatus.QuotaExceeded, QuotaKind.Instances), (refused.Status, refused.Quota));
    }

    [Fact]
    public async Task MountPoint_KeptOnTheAttachmentAndInTheHistory_GoneWithTheDetach()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var instance = await core.LaunchAsync(alice);

        var attached = (await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, "/srv/data", default)).Value!;
        Assert.Equal("/srv/data", attached.Attachments[0].MountPoint);
        Assert.Equal("/srv/data", (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments[0].MountPoint);
        Assert.Equal(ComputeStatus.InvalidParameter, (await core.Volumes.AttachAsync(alice, (await CreateAsync(alice)).Id, instance.Id, null, "srv", default)).Status);

        Assert.True((await core.Volumes.DetachAsync(alice, volume.Id, null, forced: false, default)).IsOk);
        var again = (await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default)).Value!;
        Assert.Null(again.Attachments[0].MountPoint);
        var history = (await core.Volumes.HistoryAsync(alice, volume.Id, default)).Value!.Select(h => h.Description).ToList();
        Assert.Contains(history, e => e.Contains("mounted at /srv/data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_WhileAttached_RefusedNamingTheInstance_ThenDeletedOnceDetached()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var instance = await core.LaunchAsync(alice);
        Assert.True((await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default)).IsOk);

        var refused = await core.Volumes.DeleteAsync(alice, volume.Id, default);
        Assert.Equal(ComputeStatus.IncorrectState, refused.Status);
        Assert.Contains(instance.Id, refused.Reason);

        Assert.True((await core.Volumes.DetachAsync(alice, volume.Id, null, forced: false, default)).IsOk);
        var deleted = await core.Volumes.DeleteAsync(alice, volume.Id, default);
        Assert.Equal(VolumeState.Deleted, deleted.Value!.State);
        Assert.False(core.Backend.Volumes.ContainsKey(volume.Id));
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.GetAsync(alice, volume.Id, default)).Status);
        Assert.Empty(await core.Volumes.ListAsync(alice, new VolumeQuery(), default));
    }

    [Fact]
    public async Task Attach_ToAnInstanceWithoutAHost_AttachedAtOnceAndInUse()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var instance = await core.LaunchAsync(alice);

        var attached = (await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default)).Value!;
        Assert.Equal(VolumeState.InUse, attached.State);
        var attachment = Assert.Single(attached.Attachments);
        Assert.Equal((instance.Id, "/dev/vdc", "vdc", AttachmentState.Attached), (attachment.InstanceId, attachment.Device, attachment.Target, attachment.State));
        Assert.Equal(volume.Id, Assert.Single(await core.Volumes.ListAsync(alice, new VolumeQuery { InstanceId = instance.Id }, default)).Id);
    }

    [Fact]
    public async Task Attach_ReadWriteVolumeToASecondInstance_IncorrectState()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var first = await core.LaunchAsync(alice);
        var second = await core.LaunchAsync(alice);
        Assert.True((await core.Volumes.AttachAsync(alice, volume.Id, first.Id, null, null, default)).IsOk);

        var refused = await core.Volumes.AttachAsync(alice, volume.Id, second.Id, null, null, default);
        Assert.Equal(ComputeStatus.IncorrectState, refused.Status);
        Assert.Contains(first.Id, refused.Reason);
    }

    [Fact]
    public async Task Attach_Devices_NextFreeWhenNoneNamed_UsedOrUnknownOnesRefused()
    {
        var alice = CoreFixture.NewUser("alice");
        var instance = await core.LaunchAsync(alice);
        var a = await CreateAsync(alice);
        var b = await CreateAsync(alice);
        var c = await CreateAsync(alice);
        var d = await CreateAsync(alice);

        Assert.Equal(("/dev/sdf", "vdc"), Only((await core.Volumes.AttachAsync(alice, a.Id, instance.Id, "/dev/sdf", null, default)).Value!));
        Assert.Equal(("/dev/vdd", "vdd"), Only((await core.Volumes.AttachAsync(alice, b.Id, instance.Id, null, null, default)).Value!));
        Assert.Equal(ComputeStatus.InvalidParameter, (await core.Volumes.AttachAsync(alice, c.Id, instance.Id, "/dev/sdf", null, default)).Status);
        Assert.Equal(ComputeStatus.InvalidParameter, (await core.Volumes.AttachAsync(alice, c.Id, instance.Id, "/dev/sda", null, default)).Status);
        Assert.Equal(ComputeStatus.InvalidParameter, (await core.Volumes.AttachAsync(alice, c.Id, instance.Id, "/dev/vdb;rm", null, default)).Status);
        Assert.Equal(("/dev/vde", "vde"), Only((await core.Volumes.AttachAsync(alice, c.Id, instance.Id, null, null, default)).Value!));

        // A target freed by a detach is taken again, lowest first.
        Assert.True((await core.Volumes.DetachAsync(alice, a.Id, instance.Id, forced: false, default)).IsOk);
        Assert.Equal(("/dev/xvdc", "vdc"), Only((await core.Volumes.AttachAsync(alice, d.Id, instance.Id, "/dev/xvdc", null, default)).Value!));
    }

    [Fact]
    public async Task Attach_ToATerminatedInstance_IncorrectState()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var instance = await core.LaunchAsync(alice);
        Assert.True((await core.Instances.TerminateAsync(alice, instance.Id, default)).IsOk);

        Assert.Equal(ComputeStatus.IncorrectState, (await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default)).Status);
    }

    [Fact]
    public async Task Owners_NeverSeeOrTouchAnothersPrivateVolumes()
    {
        var alice = CoreFixture.NewUser("alice");
        var bob = CoreFixture.NewUser("bob");
        var volume = await CreateAsync(alice);
        var bobsInstance = await core.LaunchAsync(bob);
        var alicesInstance = await core.LaunchAsync(alice);

        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.GetAsync(bob, volume.Id, default)).Status);
        Assert.DoesNotContain(await core.Volumes.ListAsync(bob, new VolumeQuery { IncludePublic = true }, default), v => v.Id == volume.Id);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.AttachAsync(bob, volume.Id, bobsInstance.Id, null, null, default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.AttachAsync(alice, volume.Id, bobsInstance.Id, null, null, default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.DeleteAsync(bob, volume.Id, default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.SnapshotAsync(bob, volume.Id, null, null, default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.HistoryAsync(bob, volume.Id, default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.CopyAsync(bob, volume.Id, new VolumeRequest(null), default)).Status);

        Assert.True((await core.Volumes.AttachAsync(alice, volume.Id, alicesInstance.Id, null, null, default)).IsOk);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.DetachAsync(bob, volume.Id, null, forced: false, default)).Status);
    }

    [Fact]
    public async Task PublicVolume_OthersSeeAndCopyIt_ButNeverAttachAReadWriteOneChangeOrDeleteIt()
    {
        var alice = CoreFixture.NewUser("alice");
        var bob = CoreFixture.NewUser("bob");
        var volume = await CreateAsync(alice, 2, VolumeVisibility.Public);
        var bobsInstance = await core.LaunchAsync(bob);

        Assert.Empty(await core.Volumes.ListAsync(bob, new VolumeQuery(), default));
        Assert.Contains(await core.Volumes.ListAsync(bob, new VolumeQuery { IncludePublic = true }, default), v => v.Id == volume.Id);
        Assert.Equal(ComputeStatus.Forbidden, (await core.Volumes.AttachAsync(bob, volume.Id, bobsInstance.Id, null, null, default)).Status);
        Assert.Equal(ComputeStatus.Forbidden, (await core.Volumes.DeleteAsync(bob, volume.Id, default)).Status);
        Assert.Equal(ComputeStatus.Forbidden, (await core.Volumes.UpdateAsync(bob, volume.Id, new VolumeUpdate(Name: "mine"), default)).Status);
        Assert.Equal(ComputeStatus.Forbidden, (await core.Volumes.SnapshotAsync(bob, volume.Id, null, null, default)).Status);

        var copy = (await core.Volumes.CopyAsync(bob, volume.Id, new VolumeRequest(null), default)).Value!;
        Assert.Equal((bob.UserId, volume.Id, 2, VolumeState.Available, VolumeVisibility.Private), (copy.Owner, copy.OriginId, copy.SizeGiB, copy.State, copy.Visibility));
        Assert.Equal(VolumeState.Available, (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.State);
    }

    [Fact]
    public async Task Update_ChangesNameDescriptionAndVisibility_AndRecordsIt()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var updated = (await core.Volumes.UpdateAsync(alice, volume.Id, new VolumeUpdate("data", "scratch space", VolumeVisibility.Public), default)).Value!;

        Assert.Equal(("data", "scratch space", VolumeVisibility.Public), (updated.Name, updated.Description, updated.Visibility));
        Assert.Contains((await core.Volumes.HistoryAsync(alice, volume.Id, default)).Value!, h => h.Description.StartsWith("updated: name 'data'", StringComparison.Ordinal));
        Assert.Equal(ComputeStatus.InvalidParameter, (await core.Volumes.UpdateAsync(alice, volume.Id, new VolumeUpdate(Name: "bad\u0001name"), default)).Status);
    }

    [Fact]
    public async Task Snapshot_CompletedAndNewVolumesFromIt_AtLeastItsSize()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice, 4);
        var snapshot = (await core.Volumes.SnapshotAsync(alice, volume.Id, "before upgrade", new Dictionary<string, string> { ["k"] = "v" }, default)).Value!;

        Assert.Equal((SnapshotState.Completed, 4, volume.Id, "v"), (snapshot.State, snapshot.SizeGiB, snapshot.VolumeId, snapshot.Tags["k"]));
        Assert.Equal(4, (await core.Volumes.CreateAsync(alice, new VolumeRequest(null, SnapshotId: snapshot.Id), default)).Value!.SizeGiB);
        Assert.Equal(6, (await core.Volumes.CreateAsync(alice, new VolumeRequest(6, SnapshotId: snapshot.Id), default)).Value!.SizeGiB);
        Assert.Equal(ComputeStatus.InvalidParameter, (await core.Volumes.CreateAsync(alice, new VolumeRequest(3, SnapshotId: snapshot.Id), default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.CreateAsync(CoreFixture.NewUser("bob"), new VolumeRequest(null, SnapshotId: snapshot.Id), default)).Status);
        Assert.Equal(snapshot.Id, Assert.Single(await core.Volumes.ListSnapshotsAsync(alice, new SnapshotQuery { VolumeId = volume.Id }, default)).Id);

        Assert.True((await core.Volumes.DeleteSnapshotAsync(alice, snapshot.Id, default)).IsOk);
        Assert.False(core.Backend.Snapshots.ContainsKey(snapshot.Id));
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.GetSnapshotAsync(alice, snapshot.Id, default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.SnapshotHistoryAsync(alice, snapshot.Id, default)).Status);
    }

    [Fact]
    public async Task ImageDisk_ReadOnlyAvailableAtOnce_AttachesToManyInstancesOfAnyOwnerWhenPublic()
    {
        var alice = CoreFixture.NewUser("alice");
        var bob = CoreFixture.NewUser("bob");
        var disk = (await core.Volumes.CreateAsync(alice, new VolumeRequest(null, ImageId: core.ImageId, Visibility: VolumeVisibility.Public), default)).Value!;

        Assert.Equal((VolumeState.Available, true, 1, DiskSourceKind.Image), (disk.State, disk.ReadOnly, disk.SizeGiB, disk.Source!.Kind));
        Assert.Equal(core.ImageId, disk.Source.Image!.ImageId);
        Assert.False(core.Backend.Volumes.ContainsKey(disk.Id));
        Assert.True((await core.Volumes.AttachAsync(alice, disk.Id, (await core.LaunchAsync(alice)).Id, null, null, default)).IsOk);
        var shared = (await core.Volumes.AttachAsync(bob, disk.Id, (await core.LaunchAsync(bob)).Id, null, null, default)).Value!;
        Assert.Equal(2, shared.Attachments.Count);
        Assert.Equal(ComputeStatus.IncorrectState, (await core.Volumes.SnapshotAsync(alice, disk.Id, null, null, default)).Status);
        Assert.Equal(ComputeStatus.NotFound, (await core.Volumes.CreateAsync(alice, new VolumeRequest(null, ImageId: "ami-00000000000000000"), default)).Status);
    }

    [Fact]
    public async Task Tags_OnVolumesAndSnapshots_ThroughTheTagService()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var snapshot = (await core.Volumes.SnapshotAsync(alice, volume.Id, null, null, default)).Value!;

        Assert.Null(await core.Tags.ChangeAsync(alice, [volume.Id, snapshot.Id], Tags.TagChange.Setting(new Dictionary<string, string> { ["team"] = "astro" }), default));
        Assert.Equal("astro", (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Tags["team"]);
        Assert.Equal("astro", (await core.Volumes.GetSnapshotAsync(alice, snapshot.Id, default)).Value!.Tags["team"]);
        var listed = await core.Tags.ListAsync(alice, default);
        Assert.Equal([Tags.TaggedKind.Volume, Tags.TaggedKind.Snapshot], listed.OrderBy(t => t.Kind).Select(t => t.Kind));
        Assert.Equal(ComputeStatus.NotFound, (await core.Tags.ChangeAsync(CoreFixture.NewUser("bob"), [volume.Id], Tags.TagChange.Setting(new Dictionary<string, string> { ["x"] = "y" }), default))!.Status);
    }

    private static (string Device, string Target) Only(Volume volume) => (volume.Attachments[0].Device, volume.Attachments[0].Target);

    private static string Pascal(string name) => name.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]).Aggregate(string.Concat);
}
