using System.Xml.Linq;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Domains;

public sealed class DomainXmlTests
{
    private static readonly DomainLayout Layout = new("/var/lib/sc-node");

    [Fact]
    public void Build_Qemu_BootsFromIdeOverlayWithAcpiAndFileConsole()
    {
        var xml = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: false), Layout, 0));

        Assert.Equal("qemu", xml.Attribute("type")?.Value);
        Assert.Equal("sc-i-1", xml.Element("name")?.Value);
        Assert.NotNull(xml.Element("features")?.Element("acpi"));
        var disk = xml.Element("devices")!.Element("disk")!;
        Assert.Equal("qcow2", disk.Element("driver")?.Attribute("type")?.Value);
        Assert.Equal("ide", disk.Element("target")?.Attribute("bus")?.Value);
        Assert.Equal(Layout.OverlayPath("i-1"), disk.Element("source")?.Attribute("file")?.Value);
        var serial = xml.Element("devices")!.Element("serial")!;
        Assert.Equal("file", serial.Attribute("type")?.Value);
        Assert.Equal(Layout.ConsolePath("i-1"), serial.Element("source")?.Attribute("path")?.Value);
        Assert.NotNull(xml.Element("devices")!.Element("console"));
    }

    [Fact]
    public void Build_QemuWithKvm_UsesKvmDomainType()
    {
        var xml = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: true), Layout, 0));

        Assert.Equal("kvm", xml.Attribute("type")?.Value);
    }

    [Fact]
    public void Build_TestDriver_HasNoDevicesAndRecordsGeneration()
    {
        var text = DomainXml.Build(Desired.Domain("i-2"), HypervisorFlavour.TestDriver(), Layout, 7);
        var xml = XElement.Parse(text);

        Assert.Equal("test", xml.Attribute("type")?.Value);
        Assert.Null(xml.Element("devices"));
        Assert.Equal(7, DomainMetadata.ParseRebootGeneration(xml.Element("metadata")!.Elements().Single().ToString()));
    }

    [Fact]
    public void ParseRebootGeneration_Garbage_IsZero()
    {
        Assert.Equal(0, DomainMetadata.ParseRebootGeneration("<not xml"));
        Assert.Equal(0, DomainMetadata.ParseRebootGeneration("<node rebootGeneration='-3'/>"));
    }

    [Fact]
    public void TryGetInstanceId_ForeignName_IsFalse()
    {
        Assert.False(DomainName.TryGetInstanceId("vm-1", out _));
        Assert.False(DomainName.TryGetInstanceId("sc-", out _));
        Assert.True(DomainName.TryGetInstanceId("sc-i-9", out var id));
        Assert.Equal("i-9", id);
    }
}
