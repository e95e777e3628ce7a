using System.Xml.Linq;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Domains;

public sealed class DomainXmlTests
{
    private static readonly DomainLayout Layout = new("/var/lib/sc-node");

    [Fact]
    public void Build_Qemu_BootsFromVirtioOverlayWithAcpiAndFileConsole()
    {
        var xml = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: false), Layout, 0));

        Assert.Equal("qemu", xml.Attribute("type")?.Value);
        Assert.Equal("sc-i-1", xml.Element("name")?.Value);
        Assert.NotNull(xml.Element("features")?.Element("acpi"));
        var disk = xml.Element("devices")!.Element("disk")!;
        Assert.Equal("qcow2", disk.Element("driver")?.Attribute("type")?.Value);
        Assert.Equal("virtio", disk.Element("target")?.Attribute("bus")?.Value);
        Assert.Equal("vda", disk.Element("target")?.Attribute("dev")?.Value);
        Assert.Equal(Layout.OverlayPath("i-1"), disk.Element("source")?.Attribute("file")?.Value);
        var serial = xml.Element("devices")!.Element("serial")!;
        Assert.Equal("file", serial.Attribute("type")?.Value);
        Assert.Equal(Layout.ConsolePath("i-1"), serial.Element("source")?.Attribute("path")?.Value);
        Assert.NotNull(xml.Element("devices")!.Element("console"));
    }

    [Fact]
    public void Build_QemuWithDirectBoot_KernelInitrdAndCommandLineInsteadOfTheFirmwareBootDevice()
    {
        var direct = new BootFiles("/cache/k", "/cache/i", "console=ttyS0 root=/dev/vda1");

        var os = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: false), Layout, 0, direct)).Element("os")!;

        Assert.Equal("/cache/k", os.Element("kernel")?.Value);
        Assert.Equal("/cache/i", os.Element("initrd")?.Value);
        Assert.Equal("console=ttyS0 root=/dev/vda1", os.Element("cmdline")?.Value);
        Assert.Null(os.Element("boot"));
    }

    [Fact]
    public void Build_QemuWithDirectBootAndNoInitrd_NoInitrdElement()
    {
        var os = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: false), Layout, 0, new BootFiles("/cache/k", null, "console=ttyS0"))).Element("os")!;

        Assert.Null(os.Element("initrd"));
        Assert.Equal("/cache/k", os.Element("kernel")?.Value);
    }

    [Fact]
    public void Build_QemuWithoutDirectBoot_FirmwareBootsTheFirstDisk()
    {
        var os = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: false), Layout, 0)).Element("os")!;

        Assert.Equal("hd", os.Element("boot")?.Attribute("dev")?.Value);
        Assert.Null(os.Element("kernel"));
    }

    [Fact]
    public void Build_QemuWithBridge_VirtioInterfaceWithTheInstancesMac()
    {
        var flavour = HypervisorFlavour.Qemu(kvm: false) with { Bridge = "scbr0" };

        var xml = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), flavour, Layout, 0));

        var nic = xml.Element("devices")!.Elements("interface").Single();
        Assert.Equal("bridge", nic.Attribute("type")?.Value);
        Assert.Equal("scbr0", nic.Element("source")?.Attribute("bridge")?.Value);
        Assert.Equal("virtio", nic.Element("model")?.Attribute("type")?.Value);
        Assert.Equal(DomainMac.For("i-1"), nic.Element("mac")?.Attribute("address")?.Value);
    }

    [Fact]
    public void Build_QemuWithoutBridge_NoInterface()
    {
        var xml = XElement.Parse(DomainXml.Build(Desired.Domain("i-1"), HypervisorFlavour.Qemu(kvm: false), Layout, 0));

        Assert.Empty(xml.Element("devices")!.Elements("interface"));
    }

    [Fact]
    public void DomainMac_SameIdSameAddress_OtherIdOtherAddress()
    {
        var mac = DomainMac.For("i-0123456789abcdef0");

        Assert.Matches("^52:54:00(:[0-9a-f]{2}){3}$", mac);
        Assert.Equal(mac, DomainMac.For("i-0123456789abcdef0"));
        Assert.NotEqual(mac, DomainMac.For("i-0123456789abcdef1"));
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
    public void Resize_LibvirtDefinition_ChangesSizeOnly()
    {
        const string held = """
            <domain type='qemu'>
              <name>sc-i-3</name>
              <uuid>31916beb-42fb-468b-8e62-18f5dc94a132</uuid>
              <metadata><sc:node xmlns:sc="urn:standardscloud:node:1" rebootGeneration="5"/></metadata>
              <memory unit='KiB'>524288</memory>
              <currentMemory unit='KiB'>262144</currentMemory>
              <vcpu placement='static' current='1'>2</vcpu>
              <vcpus><vcpu id='0' enabled='yes'/><vcpu id='1' enabled='no'/></vcpus>
              <devices>
                <disk type='file' device='disk'><source file='/var/lib/sc-node/disks/sc-i-3.qcow2'/><target dev='hda' bus='ide'/></disk>
              </devices>
            </domain>
            """;

        var xml = XElement.Parse(DomainXml.Resize(held, 4, 2048));

        Assert.Equal("4", xml.Element("vcpu")?.Value);
        Assert.Null(xml.Element("vcpu")?.Attribute("current"));
        Assert.Equal("static", xml.Element("vcpu")?.Attribute("placement")?.Value);
        Assert.Null(xml.Element("vcpus"));
        Assert.Equal(("2048", "MiB"), (xml.Element("memory")?.Value, xml.Element("memory")?.Attribute("unit")?.Value));
        Assert.Equal(("2048", "MiB"), (xml.Element("currentMemory")?.Value, xml.Element("currentMemory")?.Attribute("unit")?.Value));
        Assert.Equal("31916beb-42fb-468b-8e62-18f5dc94a132", xml.Element("uuid")?.Value);
        Assert.Equal("sc-i-3", xml.Element("name")?.Value);
        Assert.Equal(5, DomainMetadata.ParseRebootGeneration(xml.Element("metadata")!.Elements().Single().ToString()));
        Assert.Equal(
            "/var/lib/sc-node/disks/sc-i-3.qcow2",
            xml.Element("devices")?.Element("disk")?.Element("source")?.Attribute("file")?.Value);
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
