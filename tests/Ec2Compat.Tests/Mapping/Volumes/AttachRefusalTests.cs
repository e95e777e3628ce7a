using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Mapping.Volumes;

namespace StandardsCloud.Ec2Compat.Tests.Mapping.Volumes;

public sealed class AttachRefusalTests
{
    private static Volume Available() => new() { Id = "vol-0123456789abcdef0", Owner = "alice", SizeGiB = 1, State = VolumeState.Available };

    [Fact]
    public void AttachRefusal_OfflineVolume_IncorrectStateSayingItIsOffline()
    {
        var volume = Available();
        volume.Offline = true;

        var error = VolumeActions.AttachRefusal(volume)?.Error;

        Assert.Equal("IncorrectState", error?.Code.Code);
        Assert.Contains("offline", error!.Message, StringComparison.Ordinal);
        Assert.Contains("Bring it online", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttachRefusal_AvailableOnlineVolume_None() => Assert.Null(VolumeActions.AttachRefusal(Available()));

    [Fact]
    public void AttachRefusal_AttachedReadWriteVolume_VolumeInUse()
    {
        var volume = Available();
        volume.State = VolumeState.InUse;
        volume.Attachments.Add(new VolumeAttachment { InstanceId = "i-0123456789abcdef0" });

        Assert.Equal("VolumeInUse", VolumeActions.AttachRefusal(volume)?.Error?.Code.Code);
    }

    [Fact]
    public void AttachRefusal_CreatingVolume_IncorrectStateNamingTheState()
    {
        var volume = Available();
        volume.State = VolumeState.Creating;

        var error = VolumeActions.AttachRefusal(volume)?.Error;

        Assert.Equal("IncorrectState", error?.Code.Code);
        Assert.Contains("'creating'", error!.Message, StringComparison.Ordinal);
    }
}
