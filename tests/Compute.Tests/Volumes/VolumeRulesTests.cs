using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Tests.Volumes;

public sealed class VolumeRulesTests
{
    private static readonly EventContext Ctx = new("alice", "api", DateTimeOffset.UnixEpoch);

    private static Volume Available(bool readOnly = false) =>
        new() { Id = ResourceIds.NewVolumeId(), Owner = "alice", SizeGiB = 1, State = VolumeState.Available, ReadOnly = readOnly };

    private static Instance Running(string? hostId = "host-1") =>
        new() { Id = ResourceIds.NewInstanceId(), Owner = "alice", State = InstanceState.Running, Intent = InstanceIntent.Run, HostId = hostId };

    [Fact]
    public void Attach_ToAnInstanceWithADomain_WaitsForItsHost()
    {
        var volume = Available();
        var decided = VolumeRules.Attach(volume, Running(), null, [], deleteOnTermination: false, Ctx);

        Assert.True(decided.IsOk);
        Assert.Equal((VolumeState.InUse, AttachmentState.Attaching), (volume.State, volume.Attachments[0].State));
        Assert.DoesNotContain(decided.Value!, e => e is VolumeAttachConfirmed);
    }

    [Fact]
    public void Attach_ToAStoppedInstanceOnAHost_StillWaits_ToAPendingOne_AtOnce()
    {
        var stopped = Running();
        (stopped.State, stopped.Intent) = (InstanceState.Stopped, InstanceIntent.Stop);
        var first = Available();
        VolumeRules.Attach(first, stopped, null, [], false, Ctx);
        Assert.Equal(AttachmentState.Attaching, first.Attachments[0].State);

        var pending = Running(hostId: null);
        pending.State = InstanceState.Pending;
        var second = Available();
        Assert.Contains(VolumeRules.Attach(second, pending, null, [], false, Ctx).Value!, e => e is VolumeAttachConfirmed);
        Assert.Equal(AttachmentState.Attached, second.Attachments[0].State);
    }

    [Fact]
    public void Attach_WithAMountPoint_KeepsItOnTheAttachmentAndInTheEvent()
    {
        var volume = Available();
        var decided = VolumeRules.Attach(volume, Running(), null, [], false, Ctx, "/mnt/data");

        Assert.Equal("/mnt/data", volume.Attachments[0].MountPoint);
        var attached = Assert.Single(decided.Value!.OfType<VolumeAttached>());
        Assert.Equal("/mnt/data", attached.MountPoint);
        Assert.Contains("mounted at /mnt/data", attached.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mnt/data")]
    [InlineData("/mnt/\u0001")]
    [InlineData("")]
    public void Attach_MountPointNotAnAbsolutePath_InvalidParameter(string mountPoint)
    {
        var volume = Available();
        Assert.Equal(ComputeStatus.InvalidParameter, VolumeRules.Attach(volume, Running(), null, [], false, Ctx, mountPoint).Status);
        Assert.Empty(volume.Attachments);
    }

    [Fact]
    public void Attach_MountPointOverTheLimit_InvalidParameter() =>
        Assert.Equal(ComputeStatus.InvalidParameter,
            VolumeRules.Attach(Available(), Running(), null, [], false, Ctx, "/" + new string('m', VolumeDevices.MaxMountPoint)).Status);

    [Fact]
    public void Detach_Forced_ReleasesAtOnce_WhereAPlainOneWaitsForTheHost()
    {
        var instance = Running();
        var plain = Available();
        VolumeRules.Attach(plain, instance, null, [], false, Ctx, "/mnt/a");
        Assert.Single(VolumeRules.Detach(plain, plain.Attachments[0], instance, Ctx).OfType<VolumeDetachAsked>());
        Assert.Equal(AttachmentState.Detaching, Assert.Single(plain.Attachments).State);

        // A detach the guest ignored can be forced from detaching as well.
        var events = VolumeRules.Detach(plain, plain.Attachments[0], instance, Ctx, forced: true);

        Assert.True(Assert.Single(events.OfType<VolumeDetachAsked>()).Forced);
        Assert.Single(events.OfType<VolumeDetached>());
        Assert.Empty(plain.Attachments);
        Assert.Equal(VolumeState.Available, plain.State);
    }

    [Fact]
    public void Attach_ReadOnlyVolume_ToManyInstances()
    {
        var shared = Available(readOnly: true);
        Assert.True(VolumeRules.Attach(shared, Running(), null, [], false, Ctx).IsOk);
        Assert.True(VolumeRules.Attach(shared, Running(), null, [], false, Ctx).IsOk);
        Assert.Equal(2, shared.Attachments.Count);
    }

    [Fact]
    public void Attach_InstanceBeingTerminated_IncorrectState()
    {
        var instance = Running();
        (instance.State, instance.Intent) = (InstanceState.Shutdown, InstanceIntent.Terminate);
        Assert.Equal(ComputeStatus.IncorrectState, VolumeRules.Attach(Available(), instance, null, [], false, Ctx).Status);
    }

    [Theory]
    [InlineData(VolumeState.Creating)]
    [InlineData(VolumeState.Deleting)]
    [InlineData(VolumeState.Error)]
    public void Attach_VolumeNotReady_IncorrectState(VolumeState state)
    {
        var volume = Available();
        volume.State = state;
        Assert.Equal(ComputeStatus.IncorrectState, VolumeRules.Attach(volume, Running(), null, [], false, Ctx).Status);
    }

    [Fact]
    public void Report_ConfirmsAttachesListedAndDetachesNoLongerListed_Once()
    {
        var instance = Running();
        var volume = Available();
        VolumeRules.Attach(volume, instance, null, [], false, Ctx);

        Assert.Empty(VolumeRules.ApplyReport(volume, instance.Id, [], Ctx));
        Assert.Single(VolumeRules.ApplyReport(volume, instance.Id, [volume.Id], Ctx));
        Assert.Empty(VolumeRules.ApplyReport(volume, instance.Id, [volume.Id], Ctx));
        Assert.Equal(AttachmentState.Attached, volume.Attachments[0].State);

        Assert.Single(VolumeRules.Detach(volume, volume.Attachments[0], instance, Ctx));
        Assert.Empty(VolumeRules.Detach(volume, volume.Attachments[0], instance, Ctx));
        Assert.Empty(VolumeRules.ApplyReport(volume, instance.Id, [volume.Id], Ctx));
        Assert.Equal(2, VolumeRules.ApplyReport(volume, instance.Id, [], Ctx).Length);
        Assert.Equal(VolumeState.Available, volume.State);
        Assert.Empty(volume.Attachments);
    }

    [Fact]
    public void Release_DeleteOnTermination_DeletingOnlyWhenNothingElseHoldsIt()
    {
        var instance = Running();
        var marked = Available();
        VolumeRules.Attach(marked, instance, null, [], deleteOnTermination: true, Ctx);
        VolumeRules.Release(marked, instance.Id, Ctx, out var delete);
        Assert.True(delete);
        Assert.Equal(VolumeState.Deleting, marked.State);

        var kept = Available();
        VolumeRules.Attach(kept, instance, null, [], deleteOnTermination: false, Ctx);
        VolumeRules.Release(kept, instance.Id, Ctx, out delete);
        Assert.False(delete);
        Assert.Equal(VolumeState.Available, kept.State);

        var shared = Available(readOnly: true);
        VolumeRules.Attach(shared, instance, null, [], false, Ctx);
        VolumeRules.Attach(shared, Running(), null, [], false, Ctx);
        VolumeRules.Release(shared, instance.Id, Ctx, out _);
        Assert.Equal(VolumeState.InUse, shared.State);
        Assert.Single(shared.Attachments);
    }
}
