using StandardsCloud.Compute.Volumes;
using StandardsCloud.Ec2Compat.Mapping;
using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Mapping.Volumes;

public sealed class VolumeFilterTests
{
    private static readonly Volume Free = new() { Id = "vol-00000000000000001", SizeGiB = 1, State = VolumeState.Available, Tags = { ["team"] = "red" } };

    private static readonly Volume Attached = new()
    {
        Id = "vol-00000000000000002",
        SizeGiB = 10,
        SnapshotId = "snap-00000000000000009",
        State = VolumeState.InUse,
        Attachments = [new VolumeAttachment { InstanceId = "i-00000000000000003", Device = "/dev/sdf", State = AttachmentState.Attached, DeleteOnTermination = false }],
    };

    private static IReadOnlyList<string> Select(string name, params string[] values)
    {
        var (selected, error) = ResourceFilters.Apply([Free, Attached], [new QueryFilter(name, values)], VolumeFilters.Volumes);
        Assert.Null(error);
        return [.. selected.Select(v => v.Id)];
    }

    [Theory]
    [InlineData("status", "available", "vol-00000000000000001")]
    [InlineData("status", "in-use", "vol-00000000000000002")]
    [InlineData("size", "10", "vol-00000000000000002")]
    [InlineData("snapshot-id", "snap-*", "vol-00000000000000002")]
    [InlineData("attachment.instance-id", "i-00000000000000003", "vol-00000000000000002")]
    [InlineData("attachment.device", "/dev/sdf", "vol-00000000000000002")]
    [InlineData("attachment.status", "attached", "vol-00000000000000002")]
    [InlineData("attachment.delete-on-termination", "false", "vol-00000000000000002")]
    [InlineData("tag:team", "red", "vol-00000000000000001")]
    [InlineData("tag-value", "red", "vol-00000000000000001")]
    public void Apply_OneFilter_SelectsTheMatchingVolume(string name, string value, string expected) =>
        Assert.Equal([expected], Select(name, value));

    [Fact]
    public void Apply_VolumeType_EveryVolumeIsStandard() => Assert.Equal(2, Select("volume-type", "standard").Count);

    [Fact]
    public void Apply_UnknownFilter_InvalidParameterValue()
    {
        var (_, error) = ResourceFilters.Apply([Free], [new QueryFilter("colour", ["red"])], VolumeFilters.Volumes);

        Assert.Equal("InvalidParameterValue", error?.Error?.Code.Code);
    }

    [Fact]
    public void Apply_SnapshotFilters_OwnerDescriptionAndSize()
    {
        Snapshot[] snapshots =
        [
            new() { Id = "snap-00000000000000001", Owner = "alice", Description = "nightly", SizeGiB = 4, State = SnapshotState.Completed },
            new() { Id = "snap-00000000000000002", Owner = "alice", Description = "weekly", SizeGiB = 8, State = SnapshotState.Pending },
        ];
        QueryFilter[] filters = [new("owner-id", ["601090220207"]), new("description", ["night*"]), new("volume-size", ["4"]), new("status", ["completed"])];

        var (selected, error) = ResourceFilters.Apply(snapshots, filters, VolumeFilters.Snapshots);

        Assert.Null(error);
        Assert.Equal("snap-00000000000000001", Assert.Single(selected).Id);
    }
}
