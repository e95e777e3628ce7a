using System.Xml.Linq;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Domains;

public sealed class DiskXmlTests
{
    private static readonly DomainLayout Layout = new("/var/lib/sc-node");

    private static readonly ImageSource SharedImage = new("ami-0000000000000000a", "http://x/img", new string('A', 40));

    private static List<XElement> Disks(string xml) => XElement.Parse(xml).Element("devices")!.Elements("disk").ToList();

    [Fact]
    public void Build_QemuWithVolumes_ContextDiskAtVdaThenEachVolumeWithItsSerial()
    {
        var desired = Desired.Domain("i-1") with
        {
            Disks =
            [
                Desired.FileDisk(1, "vdc"),
                new(Desired.VolumeId(2), "/dev/sdg", "vdd", new DiskSource(DiskSourceKind.File, "/srv/v2.raw", "raw"), ReadOnly: true),
                new(Desired.VolumeId(3), "/dev/sdh", "vde", new DiskSource(DiskSourceKind.Image, Image: SharedImage), ReadOnly: false),
            ],
        };

        var disks = Disks(DomainXml.Build(desired, HypervisorFlavour.Qemu(kvm: false), Layout, 0));

        Assert.Equal(["vda", "vdb", "vdc", "vdd", "vde"], disks.Select(d => d.Element("target")!.Attribute("dev")!.Value));
        var context = disks[1];
        Assert.Equal(Layout.ContextPath("i-1"), context.Element("source")!.Attribute("file")!.Value);
        Assert.Equal("raw", context.Element("driver")!.Attribute("type")!.Value);
        Assert.Equal("virtio", context.Element("target")!.Attribute("bus")!.Value);
        Assert.NotNull(context.Element("readonly"));
        Assert.Null(context.Element("serial"));

        var (rw, ro, image) = (disks[2], disks[3], disks[4]);
        Assert.Equal("vol00000000000000001", rw.Element("serial")!.Value);
        Assert.Equal("qcow2", rw.Element("driver")!.Attribute("type")!.Value);
        Assert.Equal($"/srv/volumes/{Desired.VolumeId(1)}.qcow2", rw.Element("source")!.Attribute("file")!.Value);
        Assert.Null(rw.Element("readonly"));
        Assert.Null(rw.Element("shareable"));

        Assert.Equal("raw", ro.Element("driver")!.Attribute("type")!.Value);
        Assert.NotNull(ro.Element("readonly"));
        Assert.NotNull(ro.Element("shareable"));

        // An image is the cache's verified copy, never written to.
        Assert.Equal(Layout.ImagePath(SharedImage.Sha1), image.Element("source")!.Attribute("file")!.Value);
        Assert.Equal("/var/lib/sc-node/images/" + new string('a', 40), image.Element("source")!.Attribute("file")!.Value);
        Assert.Equal("raw", image.Element("driver")!.Attribute("type")!.Value);
        Assert.NotNull(image.Element("readonly"));
        Assert.NotNull(image.Element("shareable"));
        Assert.All(disks.Skip(1), d => Assert.Equal("virtio", d.Element("target")!.Attribute("bus")!.Value));
    }

    [Fact]
    public void Build_QemuWithoutVolumes_StillHasItsContextDisk()
    {
        var disks = Disks(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: false), Layout, 0));

        Assert.Equal(["vda", "vdb"], disks.Select(d => d.Element("target")!.Attribute("dev")!.Value));
    }

    [Fact]
    public void Build_TestDriverWithVolumes_KeepsThemForReports()
    {
        var desired = Desired.Domain("i-1") with { Disks = [Desired.FileDisk(1, "vdc"), Desired.FileDisk(2, "vdd")] };

        var xml = DomainXml.Build(desired, HypervisorFlavour.TestDriver(), Layout, 0);

        Assert.Equal([Desired.VolumeId(1), Desired.VolumeId(2)], DiskXml.ReadVolumes(xml));
        Assert.Equal(2, Disks(xml).Count);
    }

    [Fact]
    public void ReadVolumes_DiskWithoutVolumeSerial_IsNotAVolume()
    {
        var xml = DomainXml.Build(
            Desired.Domain("i-1") with { Disks = [Desired.FileDisk(7, "vdc")] }, HypervisorFlavour.Qemu(kvm: false), Layout, 0);

        Assert.Equal([Desired.VolumeId(7)], DiskXml.ReadVolumes(xml));
    }

    [Fact]
    public void WithVolume_ThenWithoutVolume_ChangesThatDiskOnly()
    {
        var original = DomainXml.Build(
            Desired.Domain("i-1") with { Disks = [Desired.FileDisk(1, "vdc")] }, HypervisorFlavour.Qemu(kvm: false), Layout, 4);
        var added = DiskXml.WithVolume(original, DiskXml.VolumeDisk(Desired.FileDisk(2, "vdd"), Layout));

        Assert.Equal([Desired.VolumeId(1), Desired.VolumeId(2)], DiskXml.ReadVolumes(added));
        Assert.Equal(["vda", "vdb", "vdc", "vdd"], Disks(added).Select(d => d.Element("target")!.Attribute("dev")!.Value));
        Assert.NotNull(DiskXml.FindVolume(added, Desired.VolumeId(2)));

        var again = DiskXml.WithVolume(added, DiskXml.VolumeDisk(Desired.FileDisk(2, "vdd"), Layout));
        Assert.Equal(4, Disks(again).Count);

        var removed = DiskXml.WithoutVolume(added, Desired.VolumeId(1));
        Assert.Equal([Desired.VolumeId(2)], DiskXml.ReadVolumes(removed));
        Assert.Null(DiskXml.FindVolume(removed, Desired.VolumeId(1)));
        var (before, after) = (XElement.Parse(original), XElement.Parse(removed));
        Assert.Equal(before.Element("metadata")!.ToString(), after.Element("metadata")!.ToString());
        Assert.Equal(before.Element("devices")!.Element("serial")!.ToString(), after.Element("devices")!.Element("serial")!.ToString());
    }

    [Fact]
    public void WithVolume_DefinitionWithoutDevices_GetsThem()
    {
        var xml = DiskXml.WithVolume("<domain type='test'><name>sc-x</name></domain>", DiskXml.VolumeDisk(Desired.FileDisk(1, "vdc"), Layout));

        Assert.Equal([Desired.VolumeId(1)], DiskXml.ReadVolumes(xml));
    }

    [Fact]
    public void Check_GoodDisks_HasNoProblem()
    {
        Assert.Null(DiskXml.Check([Desired.FileDisk(1, "vdc"), Desired.FileDisk(2, "vdz"),
            new(Desired.VolumeId(3), "/dev/sdz", "vdaa", new DiskSource(DiskSourceKind.Image, Image: SharedImage), true)]));
    }

    [Theory]
    [InlineData("vol-123", "vdc", "/srv/v.qcow2", "qcow2", "not a volume id")]
    [InlineData("vol-0000000000000000G", "vdc", "/srv/v.qcow2", "qcow2", "not a volume id")]
    [InlineData("vol-00000000000000001", "vdb", "/srv/v.qcow2", "qcow2", "not a virtio device")]
    [InlineData("vol-00000000000000001", "sdb", "/srv/v.qcow2", "qcow2", "not a virtio device")]
    [InlineData("vol-00000000000000001", "vdB", "/srv/v.qcow2", "qcow2", "not a virtio device")]
    [InlineData("vol-00000000000000001", "vdc", "relative/v.qcow2", "qcow2", "not an absolute path")]
    [InlineData("vol-00000000000000001", "vdc", "", "qcow2", "needs a path")]
    [InlineData("vol-00000000000000001", "vdc", "/srv/v.vmdk", "vmdk", "not qcow2 or raw")]
    public void Check_BadDisk_NamesTheProblem(string volumeId, string target, string path, string format, string problem)
    {
        var disk = new DesiredDisk(volumeId, "/dev/sdf", target, new DiskSource(DiskSourceKind.File, path, format), false);

        Assert.Contains(problem, DiskXml.Check([disk]), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TwoDisksOnOneDevice_IsRefused()
    {
        Assert.Contains("already taken", DiskXml.Check([Desired.FileDisk(1, "vdc"), Desired.FileDisk(2, "vdc")]), StringComparison.Ordinal);
        Assert.Contains("twice", DiskXml.Check([Desired.FileDisk(1, "vdc"), Desired.FileDisk(1, "vdd")]), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ImageWithoutSha1_IsRefused()
    {
        var disk = new DesiredDisk(Desired.VolumeId(1), "/dev/sdf", "vdc",
            new DiskSource(DiskSourceKind.Image, Image: SharedImage with { Sha1 = "nope" }), true);

        Assert.Contains("not a SHA-1", DiskXml.Check(disk), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vol-0123456789abcdef0", "vol0123456789abcdef0")]
    [InlineData("vol-fffffffffffffffff", "volfffffffffffffffff")]
    public void VolumeSerial_RoundTrips_InTwentyBytes(string volumeId, string serial)
    {
        Assert.Equal(serial, VolumeSerial.For(volumeId));
        Assert.Equal(20, serial.Length);
        Assert.True(VolumeSerial.TryGetVolumeId(serial, out var back));
        Assert.Equal(volumeId, back);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("QM00001")]
    [InlineData("vol0123456789ABCDEF0")]
    [InlineData("vol0123456789abcdef")]
    public void VolumeSerial_OtherSerials_AreNotVolumes(string? serial)
    {
        Assert.False(VolumeSerial.TryGetVolumeId(serial, out _));
    }
}
