using System.Globalization;
using System.Xml.Linq;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>The local paths of a directly booted image's kernel and initrd, and the command line it boots with.</summary>
public sealed record BootFiles(string Kernel, string? Initrd, string CommandLine);

/// <summary>Builds libvirt domain XML for a desired domain.</summary>
public static class DomainXml
{
    /// <summary>
    /// The test driver needs no devices but the volumes. A QEMU guest gets ACPI (without it a guest's poweroff only
    /// halts the CPU and the domain stays running), its qcow2 overlay as the first virtio disk (the
    /// firmware reads a boot loader's kernel from virtio several times faster than from emulated
    /// IDE), its context disk and volumes (see <see cref="DiskXml"/>), an interface on the host
    /// bridge when there is one, and its serial console in a file the daemon tails. The test driver
    /// keeps the volumes so that what a domain has attached reads back the same way there.
    /// </summary>
    /// <param name="direct">The fetched kernel and initrd of an image that boots directly; null to boot from its disk.</param>
    public static string Build(DesiredDomain desired, HypervisorFlavour flavour, DomainLayout layout, int rebootGeneration, BootFiles? direct = null)
    {
        var domain = new XElement("domain",
            new XAttribute("type", flavour.DomainType),
            new XElement("name", DomainName.For(desired.InstanceId)),
            new XElement("metadata", DomainMetadata.Element(rebootGeneration, flavour.Owner)),
            new XElement("memory", new XAttribute("unit", "MiB"), Number(desired.MemoryMiB)),
            new XElement("vcpu", Number(desired.Cpus)));

        if (flavour.IsTestDriver)
        {
            domain.Add(new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), "hvm")));
            if (desired.Disks is { Count: > 0 } disks)
            {
                domain.Add(new XElement("devices", disks.Select(d => DiskXml.VolumeDisk(d, layout))));
            }

            return domain.ToString(SaveOptions.DisableFormatting);
        }

        var console = layout.ConsolePath(desired.InstanceId);
        domain.Add(
            new XElement("os",
                new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "pc"), "hvm"),
                BootElements(direct)),
            new XElement("features", new XElement("acpi")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            new XElement("devices",
                new XElement("disk",
                    new XAttribute("type", "file"),
                    new XAttribute("device", "disk"),
                    new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
                    new XElement("source", new XAttribute("file", layout.OverlayPath(desired.InstanceId))),
                    new XElement("target", new XAttribute("dev", DiskXml.BootTarget), new XAttribute("bus", "virtio"))),
                DiskXml.ContextDisk(layout.ContextPath(desired.InstanceId)),
                (desired.Disks ?? []).Select(d => DiskXml.VolumeDisk(d, layout)),
                NetworkInterface(desired, flavour),
                new XElement("serial",
                    new XAttribute("type", "file"),
                    new XElement("source", new XAttribute("path", console)),
                    new XElement("target", new XAttribute("port", "0"))),
                new XElement("console",
                    new XAttribute("type", "file"),
                    new XElement("source", new XAttribute("path", console)),
                    new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", "0")))));
        return domain.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Direct kernel boot (libvirt's <c>kernel</c>, <c>initrd</c> and <c>cmdline</c>), or the firmware
    /// booting from the first disk.
    /// </summary>
    private static IEnumerable<XElement> BootElements(BootFiles? direct)
    {
        if (direct is null)
        {
            yield return new XElement("boot", new XAttribute("dev", "hd"));
            yield break;
        }

        yield return new XElement("kernel", direct.Kernel);
        if (direct.Initrd is { } initrd)
        {
            yield return new XElement("initrd", initrd);
        }

        yield return new XElement("cmdline", direct.CommandLine);
    }

    /// <summary>
    /// A virtio interface on the host bridge, its MAC derived from the instance id, filtered by the
    /// guest's own network filter when the core sent its inbound rules; nothing (an empty sequence,
    /// which <see cref="XElement"/> ignores) without a bridge.
    /// </summary>
    private static IEnumerable<XElement> NetworkInterface(DesiredDomain desired, HypervisorFlavour flavour)
    {
        if (flavour.Bridge is not { } bridge)
        {
            yield break;
        }

        yield return new XElement("interface",
            new XAttribute("type", "bridge"),
            new XElement("source", new XAttribute("bridge", bridge)),
            new XElement("mac", new XAttribute("address", DomainMac.For(desired.InstanceId))),
            new XElement("model", new XAttribute("type", "virtio")),
            desired.Ingress is null ? null : new XElement("filterref", new XAttribute("filter", Networking.GuestFilterXml.NameFor(desired.InstanceId))));
    }

    /// <summary>
    /// A domain's definition as libvirt holds it, with a new size and nothing else changed: the
    /// UUID (so that virDomainDefineXML replaces the domain rather than refusing a second one of
    /// that name), the overlay disk, the console and the metadata all stay. Any <c>current</c>
    /// vCPU count and per-vCPU list are dropped, as they describe the old count; the balloon target
    /// follows the new memory, as a freshly built domain's does.
    /// </summary>
    public static string Resize(string definition, int cpus, long memoryMiB)
    {
        var domain = XElement.Parse(definition);
        Replace(domain, "vcpu", Number(cpus)).Attribute("current")?.Remove();
        domain.Element("vcpus")?.Remove();
        Replace(domain, "memory", Number(memoryMiB)).SetAttributeValue("unit", "MiB");
        if (domain.Element("currentMemory") is { } current)
        {
            current.Value = Number(memoryMiB);
            current.SetAttributeValue("unit", "MiB");
        }

        return domain.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Replace(XElement domain, string name, string value)
    {
        var element = domain.Element(name);
        if (element is null)
        {
            element = new XElement(name);
            domain.Add(element);
        }

        element.Value = value;
        return element;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
