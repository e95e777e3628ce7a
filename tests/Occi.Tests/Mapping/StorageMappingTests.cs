using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Mapping;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Tests.Mapping;

public class StorageMappingTests
{
    private static readonly CategoryCatalog Catalog = new(new OcciOptions(), [], [], []);

    private static OcciMessage Attributes(params (string, string)[] attributes) =>
        TextParser.Parse(attributes.Select(a => ("X-OCCI-Attribute", $"{a.Item1}={a.Item2}")));

    [Theory]
    [InlineData("1.2", 2)]
    [InlineData("\"3\"", 3)]
    [InlineData("0.01", 1)]
    [InlineData("10", 10)]
    public void Read_Size_IsRoundedUpToWholeGiB(string size, int expected)
    {
        var (request, problem) = StorageRequest.Read(Attributes(("occi.storage.size", size)), Catalog);

        Assert.Null(problem);
        Assert.Equal(expected, request!.SizeGiB);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("\"big\"")]
    [InlineData("1e12")]
    public void Read_SizeNotAPositiveNumberOfGiB_IsAProblemNamingTheAttribute(string size)
    {
        var (request, problem) = StorageRequest.Read(Attributes(("occi.storage.size", size)), Catalog);

        Assert.Null(request);
        Assert.Contains("occi.storage.size", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ComputeKindOrAMixin_IsRefused()
    {
        var compute = TextParser.Parse([("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"")]);
        var mixin = TextParser.Parse([("Category", "ssh_key; scheme=\"http://schemas.ogf.org/occi/infrastructure/credentials#\"; class=\"mixin\"")]);

        Assert.Contains("kind", StorageRequest.Read(compute, Catalog).Problem, StringComparison.Ordinal);
        Assert.Contains("mixins", StorageRequest.Read(mixin, Catalog).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VolumeState.Available, "online")]
    [InlineData(VolumeState.InUse, "online")]
    [InlineData(VolumeState.Creating, "offline")]
    [InlineData(VolumeState.Error, "error")]
    public void StateOf_FollowsTheVolume(VolumeState state, string expected) =>
        Assert.Equal(expected, StorageViews.StateOf(new Volume { Id = "vol-0123456789abcdef0", State = state }).State);

    [Fact]
    public void StateOf_AnAvailableVolumeTakenOffline_Offline() =>
        Assert.Equal("offline", StorageViews.StateOf(new Volume { Id = "vol-0123456789abcdef0", State = VolumeState.Available, Offline = true }).State);

    [Theory]
    [InlineData(false, "offline snapshot")]
    [InlineData(true, "online snapshot")]
    public void Storage_Unlinked_OffersTheWayToTheOtherStateAndSnapshot(bool offline, string actions)
    {
        var volume = new Volume { Id = "vol-0123456789abcdef0", SizeGiB = 1, State = VolumeState.Available, Offline = offline };

        var view = StorageViews.Storage(volume, new Dictionary<string, Instance>());

        Assert.Equal(actions, string.Join(' ', view.Actions.Select(a => a.Action.Term)));
        Assert.Equal(offline ? "offline" : "online", view.Attributes.Single(a => a.Name == "occi.storage.state").Value.Text);
    }

    [Fact]
    public void Storage_RendersSizeTitleLinksAndOnlyTheSnapshotActionWhenOnline()
    {
        var volume = new Volume
        {
            Id = "vol-0123456789abcdef0", SizeGiB = 5, State = VolumeState.InUse, Name = "data", Description = "scratch",
            ClientToken = "occi:/storage/mine",
            Attachments = [new VolumeAttachment { InstanceId = "i-0123456789abcdef0", Device = "/dev/vdb", Target = "vdc", MountPoint = "/mnt/data", State = AttachmentState.Attached }],
        };
        var instance = new Instance { Id = "i-0123456789abcdef0" };

        var view = StorageViews.Storage(volume, new Dictionary<string, Instance> { [instance.Id] = instance });

        Assert.Equal("/storage/mine", view.Location);
        Assert.Equal(("data", "scratch"), (view.Title, view.Summary));
        Assert.Equal("5", view.Attributes.Single(a => a.Name == "occi.storage.size").Value.Text);
        Assert.Equal("snapshot", Assert.Single(view.Actions).Action.Term);
        var link = Assert.Single(view.Links);
        Assert.Equal("/link/storagelink/vol-0123456789abcdef0_i-0123456789abcdef0", link.Location);
        Assert.Equal(("/compute/i-0123456789abcdef0", "/storage/mine"), (link.Source.Location, link.Target.Location));
        Assert.Equal("/dev/vdc", link.Attributes.Single(a => a.Name == "occi.storagelink.deviceid").Value.Text);
        Assert.Equal("/mnt/data", link.Attributes.Single(a => a.Name == "occi.storagelink.mountpoint").Value.Text);
        Assert.Equal("active", link.Attributes.Single(a => a.Name == "occi.storagelink.state").Value.Text);
    }

    [Fact]
    public void Storage_AttachmentsToInstancesTheCallerCannotSee_AreNotRendered()
    {
        var volume = new Volume
        {
            Id = "vol-0123456789abcdef0", SizeGiB = 1, State = VolumeState.InUse, ReadOnly = true,
            Attachments = [new VolumeAttachment { InstanceId = "i-0123456789abcdef1", Device = "/dev/vdb", State = AttachmentState.Attaching }],
        };

        Assert.Empty(StorageViews.Storage(volume, new Dictionary<string, Instance>()).Links);
    }

    [Theory]
    [InlineData("vol-0123456789abcdef0_i-0123456789abcdef0", true)]
    [InlineData("vol-0123456789abcdef0", false)]
    [InlineData("_i-0123456789abcdef0", false)]
    [InlineData("vol-0123456789abcdef0_", false)]
    public void ParseLinkId_NeedsBothHalves(string id, bool parses) =>
        Assert.Equal(parses, StorageViews.ParseLinkId(id) is not null);

    [Fact]
    public void Link_WithoutAMountPoint_RendersNone_EvenWhenTheComputeHasAnOldMountPointTag()
    {
        var volume = new Volume
        {
            Id = "vol-0123456789abcdef0", SizeGiB = 1, State = VolumeState.InUse,
            Attachments = [new VolumeAttachment { InstanceId = "i-0123456789abcdef0", Device = "/dev/vdc", Target = "vdc", State = AttachmentState.Attached }],
        };
        var instance = new Instance { Id = "i-0123456789abcdef0", Tags = { ["occi.storagelink.mountpoint:" + volume.Id] = "/mnt/old" } };

        var link = StorageViews.Link(volume, volume.Attachments[0], EntityViews.LocationOf(instance));

        Assert.DoesNotContain(link.Attributes, a => a.Name == "occi.storagelink.mountpoint");
    }
}
