using System.Text;
using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Mapping.Volumes;

public sealed class BlockDeviceMappingTests
{
    private static QueryRequest Query(string form) => QueryRequest.ParseForm(Encoding.UTF8.GetBytes("Action=RunInstances&" + form)).Request!;

    [Fact]
    public void Read_EbsWithSizeAndSnapshot_DisksInIndexOrderDeleteOnTerminationByDefault()
    {
        var (disks, error) = BlockDeviceMappings.Read(Query(
            "BlockDeviceMapping.2.DeviceName=%2Fdev%2Fsdg&BlockDeviceMapping.2.Ebs.SnapshotId=snap-0123456789abcdef0&BlockDeviceMapping.2.Ebs.DeleteOnTermination=false" +
            "&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=5&BlockDeviceMapping.1.Ebs.VolumeType=gp3"));

        Assert.Null(error);
        Assert.Collection(disks,
            d => Assert.Equal(("/dev/sdf", (int?)5, (string?)null, true), (d.Device, d.SizeGiB, d.SnapshotId, d.DeleteOnTermination)),
            d => Assert.Equal(("/dev/sdg", (int?)null, (string?)"snap-0123456789abcdef0", false), (d.Device, d.SizeGiB, d.SnapshotId, d.DeleteOnTermination)));
    }

    [Fact]
    public void Read_NoDeviceAndVirtualName_TakenAndIgnored()
    {
        var (disks, error) = BlockDeviceMappings.Read(Query(
            "BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdb&BlockDeviceMapping.1.VirtualName=ephemeral0" +
            "&BlockDeviceMapping.2.DeviceName=%2Fdev%2Fsdc&BlockDeviceMapping.2.NoDevice="));

        Assert.Null(error);
        Assert.Empty(disks);
    }

    [Fact]
    public void Read_None_EmptyWithoutError()
    {
        var (disks, error) = BlockDeviceMappings.Read(Query("ImageId=ami-0123456789abcdef0"));

        Assert.Null(error);
        Assert.Empty(disks);
    }

    [Theory]
    [InlineData("BlockDeviceMapping.1.Ebs.VolumeSize=5", "MissingParameter")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeType=gp2", "MissingParameter")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=0", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=16385", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=big", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=5&BlockDeviceMapping.1.Ebs.VolumeType=fast", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=5&BlockDeviceMapping.1.Ebs.Encrypted=true", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=5&BlockDeviceMapping.1.Ebs.DeleteOnTermination=yes", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.SnapshotId=vol-0123456789abcdef0", "InvalidSnapshot.Malformed")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=5&BlockDeviceMapping.1.Ebs.Speed=9", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.x.DeviceName=%2Fdev%2Fsdf", "InvalidParameterValue")]
    [InlineData("BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=5&BlockDeviceMapping.2.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.2.Ebs.VolumeSize=6", "InvalidParameterValue")]
    public void Read_BadMapping_RefusedWithEc2Code(string form, string code)
    {
        var (disks, error) = BlockDeviceMappings.Read(Query(form));

        Assert.Empty(disks);
        Assert.Equal(code, error?.Error?.Code.Code);
    }

    [Fact]
    public void Read_EncryptedFalseAndIgnoredFields_Accepted()
    {
        var (disks, error) = BlockDeviceMappings.Read(Query(
            "BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdf&BlockDeviceMapping.1.Ebs.VolumeSize=16384&BlockDeviceMapping.1.Ebs.Encrypted=false&BlockDeviceMapping.1.Ebs.Iops=3000"));

        Assert.Null(error);
        Assert.Equal(16384, Assert.Single(disks).SizeGiB);
    }
}
