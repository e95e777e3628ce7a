using System.Xml.Linq;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Mapping;
using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Mapping.Volumes;

public sealed class VolumeXmlTests
{
    private static readonly XNamespace Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static XElement Render(string action, Action<Ec2XmlWriter> body)
    {
        using var stream = new MemoryStream(Ec2Xml.Response(action, "2016-11-15", "req-1", body));
        return XDocument.Load(stream).Root!;
    }

    private static Volume AttachedVolume() => new()
    {
        Id = "vol-0123456789abcdef0",
        Owner = "alice",
        SizeGiB = 8,
        StorageClass = "gp3",
        State = VolumeState.InUse,
        AvailabilityZone = "RegionOnea",
        CreatedAt = Created,
        Tags = { ["Name"] = "data" },
        Attachments =
        [
            new VolumeAttachment
            {
                InstanceId = "i-0123456789abcdef0", Device = "/dev/sdf", Target = "vdb",
                State = AttachmentState.Attaching, AttachedAt = Created.AddMinutes(1), DeleteOnTermination = true,
            },
        ],
    };

    [Fact]
    public void Volume_InUse_StatusAttachmentAndTagsInAwsShape()
    {
        var root = Render("CreateVolume", w => w.Volume(AttachedVolume()));

        Assert.Equal("vol-0123456789abcdef0", (string?)root.Element(Ec2 + "volumeId"));
        Assert.Equal("8", (string?)root.Element(Ec2 + "size"));
        Assert.Equal("", (string?)root.Element(Ec2 + "snapshotId"));
        Assert.Equal("in-use", (string?)root.Element(Ec2 + "status"));
        Assert.Equal("2026-11-26T10:00:00.000Z", (string?)root.Element(Ec2 + "createTime"));
        Assert.Equal("gp3", (string?)root.Element(Ec2 + "volumeType"));
        Assert.Equal("false", (string?)root.Element(Ec2 + "encrypted"));
        var attachment = root.Element(Ec2 + "attachmentSet")!.Element(Ec2 + "item")!;
        Assert.Equal("i-0123456789abcdef0", (string?)attachment.Element(Ec2 + "instanceId"));
        Assert.Equal("/dev/sdf", (string?)attachment.Element(Ec2 + "device"));
        Assert.Equal("attaching", (string?)attachment.Element(Ec2 + "status"));
        Assert.Equal("true", (string?)attachment.Element(Ec2 + "deleteOnTermination"));
        Assert.Equal("data", (string?)root.Element(Ec2 + "tagSet")!.Element(Ec2 + "item")!.Element(Ec2 + "value"));
    }

    [Fact]
    public void Attachment_GoneAfterDetach_ShownDetached()
    {
        var volume = AttachedVolume();
        var root = Render("DetachVolume", w => w.Attachment(volume.Id, volume.Attachments[0], VolumeStates.Detached));

        Assert.Equal("detached", (string?)root.Element(Ec2 + "status"));
        Assert.Equal(volume.Id, (string?)root.Element(Ec2 + "volumeId"));
    }

    [Fact]
    public void BlockDeviceMapping_AttachedVolume_DeviceAndEbs()
    {
        var volume = AttachedVolume();
        volume.Attachments[0].State = AttachmentState.Attached;
        var root = Render("DescribeInstanceAttribute", w => w.BlockDeviceMapping([new AttachedDisk(volume.Id, volume.Attachments[0])]));

        var item = root.Element(Ec2 + "blockDeviceMapping")!.Element(Ec2 + "item")!;
        Assert.Equal("/dev/sdf", (string?)item.Element(Ec2 + "deviceName"));
        var ebs = item.Element(Ec2 + "ebs")!;
        Assert.Equal(volume.Id, (string?)ebs.Element(Ec2 + "volumeId"));
        Assert.Equal("attached", (string?)ebs.Element(Ec2 + "status"));
        Assert.Equal("2026-11-26T10:01:00.000Z", (string?)ebs.Element(Ec2 + "attachTime"));
    }

    [Theory]
    [InlineData(SnapshotState.Pending, "pending", "0%")]
    [InlineData(SnapshotState.Completed, "completed", "100%")]
    [InlineData(SnapshotState.Error, "error", "0%")]
    public void Snapshot_EachState_StatusAndProgress(SnapshotState state, string status, string progress)
    {
        var root = Render("CreateSnapshot", w => w.Snapshot(new Snapshot
        {
            Id = "snap-0123456789abcdef0", Owner = "alice", VolumeId = "vol-0123456789abcdef0", SizeGiB = 8,
            State = state, StateReason = "disk full", Description = "nightly", StartedAt = Created,
        }));

        Assert.Equal(status, (string?)root.Element(Ec2 + "status"));
        Assert.Equal(progress, (string?)root.Element(Ec2 + "progress"));
        Assert.Equal("601090220207", (string?)root.Element(Ec2 + "ownerId"));
        Assert.Equal("8", (string?)root.Element(Ec2 + "volumeSize"));
        Assert.Equal("nightly", (string?)root.Element(Ec2 + "description"));
        Assert.Equal(state == SnapshotState.Error ? "disk full" : null, (string?)root.Element(Ec2 + "statusMessage"));
    }

    [Theory]
    [InlineData(VolumeState.Creating, "creating")]
    [InlineData(VolumeState.Available, "available")]
    [InlineData(VolumeState.InUse, "in-use")]
    [InlineData(VolumeState.Deleting, "deleting")]
    [InlineData(VolumeState.Deleted, "deleted")]
    [InlineData(VolumeState.Error, "error")]
    public void VolumeStates_EachCoreState_Ec2Name(VolumeState state, string name) => Assert.Equal(name, VolumeStates.Of(state));
}
