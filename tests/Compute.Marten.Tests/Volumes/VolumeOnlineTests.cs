using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Marten.Tests.Volumes;

/// <summary>Offline volumes through the service, on the Marten store: kept, recorded, refused to attaches and launches.</summary>
public sealed class VolumeOnlineTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    private async Task<Volume> CreateAsync(Actor actor)
    {
        var created = await core.Volumes.CreateAsync(actor, new VolumeRequest(1), default);
        Assert.True(created.IsOk, created.Reason);
        return created.Value!;
    }

    private Task<Outcome<Volume>> SetOnlineAsync(Actor actor, string volumeId, bool online) =>
        core.Volumes.UpdateAsync(actor, volumeId, new VolumeUpdate(Online: online), default);

    [Fact]
    public async Task Offline_KeptInTheStore_RefusesAttachAndLaunch_OnlineAttachesAgain_BothInTheHistory()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var instance = await core.LaunchAsync(alice);

        Assert.True((await SetOnlineAsync(alice, volume.Id, false)).IsOk);
        var stored = (await core.Volumes.GetAsync(alice, volume.Id, default)).Value!;
        Assert.Equal((true, VolumeState.Available), (stored.Offline, stored.State));

        var attach = await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default);
        Assert.Equal(ComputeStatus.IncorrectState, attach.Status);
        Assert.Contains("offline", attach.Reason, StringComparison.Ordinal);
        var launch = await core.Instances.LaunchAsync(alice, new LaunchRequest(core.ImageId, "t1.micro", Volumes: [new LaunchVolume(volume.Id)]), default);
        Assert.Equal(ComputeStatus.IncorrectState, launch.Status);
        Assert.Contains("offline", launch.Reason, StringComparison.Ordinal);
        Assert.Empty((await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Attachments);

        Assert.True((await SetOnlineAsync(alice, volume.Id, true)).IsOk);
        Assert.True((await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default)).IsOk);
        var history = (await core.Volumes.HistoryAsync(alice, volume.Id, default)).Value!.Select(h => h.Description).ToList();
        Assert.True(history.IndexOf("taken offline") >= 0 && history.IndexOf("taken offline") < history.IndexOf("brought online"), string.Join(" | ", history));
    }

    [Fact]
    public async Task Offline_WhileAttached_IncorrectState_StaysOnline()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        var instance = await core.LaunchAsync(alice);
        Assert.True((await core.Volumes.AttachAsync(alice, volume.Id, instance.Id, null, null, default)).IsOk);

        var refused = await SetOnlineAsync(alice, volume.Id, false);

        Assert.Equal(ComputeStatus.IncorrectState, refused.Status);
        Assert.Contains(instance.Id, refused.Reason, StringComparison.Ordinal);
        Assert.False((await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Offline);
    }

    [Fact]
    public async Task Offline_StillSnapshotsCopiesAndDeletes()
    {
        var alice = CoreFixture.NewUser("alice");
        var volume = await CreateAsync(alice);
        Assert.True((await SetOnlineAsync(alice, volume.Id, false)).IsOk);

        var snapshot = await core.Volumes.SnapshotAsync(alice, volume.Id, null, null, default);
        Assert.True(snapshot.IsOk, snapshot.Reason);
        var copy = await core.Volumes.CopyAsync(alice, volume.Id, new VolumeRequest(null), default);
        Assert.True(copy.IsOk, copy.Reason);
        Assert.False(copy.Value!.Offline);
        Assert.True((await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Offline);
        Assert.Equal(VolumeState.Deleted, (await core.Volumes.DeleteAsync(alice, volume.Id, default)).Value!.State);
    }

    [Fact]
    public async Task Offline_AnotherOwnersPublicVolume_ForbiddenAndUnchanged()
    {
        var alice = CoreFixture.NewUser("alice");
        var bob = CoreFixture.NewUser("bob");
        var volume = (await core.Volumes.CreateAsync(alice, new VolumeRequest(1, Visibility: VolumeVisibility.Public), default)).Value!;

        Assert.Equal(ComputeStatus.Forbidden, (await SetOnlineAsync(bob, volume.Id, false)).Status);
        Assert.False((await core.Volumes.GetAsync(alice, volume.Id, default)).Value!.Offline);
    }
}
