using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Tests.Volumes;

public sealed class VolumeDevicesTests
{
    [Theory]
    [InlineData("/dev/sdf")]
    [InlineData("/dev/sdp")]
    [InlineData("/dev/vdb")]
    [InlineData("/dev/vdz")]
    [InlineData("/dev/xvdb")]
    [InlineData("/dev/xvdz")]
    public void ProblemOf_NamesOwnersMayAskFor_None(string device) => Assert.Null(VolumeDevices.ProblemOf(device));

    [Theory]
    [InlineData("/dev/sda")]
    [InlineData("/dev/sdq")]
    [InlineData("/dev/vda")]
    [InlineData("/dev/xvda")]
    [InlineData("sdf")]
    [InlineData("/dev/sdf1")]
    [InlineData("/dev/sdf\n")]
    [InlineData("/dev/../etc/passwd")]
    [InlineData("")]
    public void ProblemOf_OtherNames_RefusedNamingWhatIsAllowed(string device) =>
        Assert.Contains("/dev/sdf to /dev/sdp", VolumeDevices.ProblemOf(device));

    [Fact]
    public void NextFree_LowestNotTaken()
    {
        Assert.Equal("/dev/vdc", VolumeDevices.NextFreeDevice([]));
        Assert.Equal("/dev/vde", VolumeDevices.NextFreeDevice(["/dev/vdc", "/dev/vdd", "/dev/sdf"]));
        Assert.Equal("vdd", VolumeDevices.NextFreeTarget(["vdc", "vde"]));
        Assert.Null(VolumeDevices.NextFreeTarget([.. VolumeDevices.Targets]));

        // vda and vdb are the boot and context disks on every host.
        Assert.Equal(["vdc", "vdz"], new[] { VolumeDevices.Targets[0], VolumeDevices.Targets[^1] });
        Assert.Equal(24, VolumeDevices.Targets.Count);
    }
}
