using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Tests.Volumes;

/// <summary>Taking a volume offline and bringing it back, as OpenNebula disables and enables an image.</summary>
public sealed class VolumeOnlineRulesTests
{
    private static readonly EventContext Ctx = new("alice", "occi", DateTimeOffset.UnixEpoch);

    private static Volume Available() => new() { Id = ResourceIds.NewVolumeId(), Owner = "alice", SizeGiB = 1, State = VolumeState.Available };

    private static Instance Pending() => new() { Id = ResourceIds.NewInstanceId(), Owner = "alice", State = InstanceState.Pending, Intent = InstanceIntent.Run };

    [Fact]
    public void SetOnline_AvailableVolumeOffline_OfflineStillAvailable_RecordedAsTakenOffline()
    {
        var volume = Available();

        var decided = VolumeRules.SetOnline(volume, online: false, Ctx);

        Assert.True(decided.IsOk, decided.Reason);
        Assert.Equal("taken offline", Assert.IsType<VolumeTakenOffline>(Assert.Single(decided.Value!)).Describe());
        Assert.Equal((true, VolumeState.Available), (volume.Offline, volume.State));
    }

    [Fact]
    public void SetOnline_OfflineVolumeOnline_AttachesAgain_RecordedAsBroughtOnline()
    {
        var volume = Available();
        VolumeRules.SetOnline(volume, online: false, Ctx);

        var decided = VolumeRules.SetOnline(volume, online: true, Ctx);

        Assert.IsType<VolumeBroughtOnline>(Assert.Single(decided.Value!));
        Assert.False(volume.Offline);
        Assert.True(VolumeRules.Attach(volume, Pending(), null, [], false, Ctx).IsOk);
    }

    [Fact]
    public void SetOnline_AskedForTheStateItIsIn_NoEvent()
    {
        var volume = Available();
        Assert.Empty(VolumeRules.SetOnline(volume, online: true, Ctx).Value!);
        VolumeRules.SetOnline(volume, online: false, Ctx);
        Assert.Empty(VolumeRules.SetOnline(volume, online: false, Ctx).Value!);
        Assert.True(volume.Offline);
    }

    [Fact]
    public void SetOnline_OfflineWhileAttached_IncorrectStateNamingTheInstance()
    {
        var volume = Available();
        var instance = Pending();
        VolumeRules.Attach(volume, instance, null, [], false, Ctx);

        var refused = VolumeRules.SetOnline(volume, online: false, Ctx);

        Assert.Equal(ComputeStatus.IncorrectState, refused.Status);
        Assert.Contains(instance.Id, refused.Reason, StringComparison.Ordinal);
        Assert.False(volume.Offline);
    }

    [Theory]
    [InlineData(VolumeState.Creating)]
    [InlineData(VolumeState.Error)]
    [InlineData(VolumeState.Deleting)]
    public void SetOnline_OfflineWhenNotAvailable_IncorrectState(VolumeState state)
    {
        var volume = Available();
        volume.State = state;

        Assert.Equal(ComputeStatus.IncorrectState, VolumeRules.SetOnline(volume, online: false, Ctx).Status);
        Assert.False(volume.Offline);
    }

    [Fact]
    public void Attach_OfflineVolume_IncorrectStateSayingToBringItOnline_NothingChanged()
    {
        var volume = Available();
        VolumeRules.SetOnline(volume, online: false, Ctx);

        var refused = VolumeRules.Attach(volume, Pending(), null, [], false, Ctx);

        Assert.Equal(ComputeStatus.IncorrectState, refused.Status);
        Assert.Contains("offline; bring it online", refused.Reason, StringComparison.Ordinal);
        Assert.Empty(volume.Attachments);
        Assert.Equal(VolumeState.Available, volume.State);
    }

    [Fact]
    public void Attach_OfflineReadOnlyVolume_IncorrectState()
    {
        var volume = Available();
        volume.ReadOnly = true;
        VolumeRules.SetOnline(volume, online: false, Ctx);

        Assert.Equal(ComputeStatus.IncorrectState, VolumeRules.Attach(volume, Pending(), null, [], false, Ctx).Status);
    }
}
