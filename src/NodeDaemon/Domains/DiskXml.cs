using System.Xml.Linq;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>
/// The disks a domain carries beside its boot disk (<c>vda</c>): the context disk at <c>vdb</c> and
/// one virtio disk per desired volume, recognised again in a definition by its <see cref="VolumeSerial"/>.
/// </summary>
public static class DiskXml
{
    /// <summary>The boot disk's device: the first virtio disk.</summary>
    public const string BootTarget = "vda";

    /// <summary>The context disk's device: the second virtio disk, so a volume never takes it.</summary>
    public const string ContextTarget = "vdb";

    /// <summary>The context disk: the raw ISO, read-only.</summary>
    public static XElement ContextDisk(string iso) =>
        new("disk",
            new XAttribute("type", "file"),
            new XAttribute("device", "disk"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
            new XElement("source", new XAttribute("file", iso)),
            new XElement("target", new XAttribute("dev", ContextTarget), new XAttribute("bus", "virtio")),
            new XElement("readonly"));

    /// <summary>
    /// One volume's disk. A file is attached in its own format; an image is the cache's verified
    /// copy, attached raw and always read-only so the cache stays pristine. A read-only disk is
    /// also shareable, so that many domains may hold it at once.
    /// </summary>
    public static XElement VolumeDisk(DesiredDisk disk, DomainLayout layout)
    {
        var (path, format) = disk.Source.Kind == DiskSourceKind.Image
            ? (layout.ImagePath(disk.Source.Image!.Sha1), "raw")
            : (disk.Source.Path!, disk.Source.Format);
        var element = new XElement("disk",
            new XAttribute("type", "file"),
            new XAttribute("device", "disk"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", format)),
            new XElement("source", new XAttribute("file", path)),
            new XElement("target", new XAttribute("dev", disk.Target), new XAttribute("bus", "virtio")),
            new XElement("serial", VolumeSerial.For(disk.VolumeId)));
        if (disk.ReadOnly || disk.Source.Kind == DiskSourceKind.Image)
        {
            element.Add(new XElement("readonly"), new XElement("shareable"));
        }

        return element;
    }

    /// <summary>Why these disks cannot be attached as asked, or null when they can.</summary>
    public static string? Check(IReadOnlyList<DesiredDisk> disks)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal) { BootTarget, ContextTarget };
        var volumes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            if (Check(disk) is { } problem)
            {
                return problem;
            }

            if (!volumes.Add(disk.VolumeId))
            {
                return $"volume {disk.VolumeId} is asked for twice";
            }

            if (!targets.Add(disk.Target))
            {
                return $"volume {disk.VolumeId}: device {disk.Target} is already taken";
            }
        }

        return null;
    }

    /// <summary>Why this disk cannot be attached as asked, or null when it can.</summary>
    public static string? Check(DesiredDisk disk)
    {
        if (!VolumeSerial.IsVolumeId(disk.VolumeId))
        {
            return $"'{disk.VolumeId}' is not a volume id (vol- and 17 hex digits)";
        }

        var target = disk.Target;
        if (target.Length is < 3 or > 4 || !target.StartsWith("vd", StringComparison.Ordinal)
            || target.AsSpan(2).ContainsAnyExceptInRange('a', 'z') || target is BootTarget or ContextTarget)
        {
            return $"volume {disk.VolumeId}: '{target}' is not a virtio device after {ContextTarget} (vdc, vdd, …)";
        }

        return disk.Source switch
        {
            { Kind: DiskSourceKind.File, Path: null or "" } => $"volume {disk.VolumeId}: a file source needs a path",
            { Kind: DiskSourceKind.File, Path: { } path } when !Path.IsPathFullyQualified(path) =>
                $"volume {disk.VolumeId}: '{path}' is not an absolute path",
            { Kind: DiskSourceKind.File, Format: not ("qcow2" or "raw") } =>
                $"volume {disk.VolumeId}: format '{disk.Source.Format}' is not qcow2 or raw",
            { Kind: DiskSourceKind.Image, Image: null } => $"volume {disk.VolumeId}: an image source needs an image",
            { Kind: DiskSourceKind.Image, Image.Sha1: { } sha1 } when sha1.Length != 40 || !sha1.All(char.IsAsciiHexDigit) =>
                $"volume {disk.VolumeId}: '{sha1}' is not a SHA-1",
            { Kind: not (DiskSourceKind.File or DiskSourceKind.Image) } =>
                $"volume {disk.VolumeId}: source kind {disk.Source.Kind} is not supported on this node",
            _ => null,
        };
    }

    /// <summary>The volume ids of the disks in a domain definition, in device order.</summary>
    public static IReadOnlyList<string> ReadVolumes(string domainXml) =>
        VolumeDisks(XElement.Parse(domainXml)).Select(d => d.VolumeId).ToList();

    /// <summary>The disk element of <paramref name="volumeId"/> in a definition, as XML text, or null.</summary>
    public static string? FindVolume(string domainXml, string volumeId) =>
        VolumeDisks(XElement.Parse(domainXml)).FirstOrDefault(d => d.VolumeId == volumeId).Element?.ToString(SaveOptions.DisableFormatting);

    /// <summary>A definition with <paramref name="disk"/> added, replacing any disk of the same volume; nothing else changes.</summary>
    public static string WithVolume(string definition, XElement disk)
    {
        var domain = XElement.Parse(definition);
        var serial = disk.Element("serial")?.Value;
        foreach (var (_, element) in VolumeDisks(domain).Where(d => VolumeSerial.For(d.VolumeId) == serial).ToList())
        {
            element.Remove();
        }

        var devices = domain.Element("devices");
        if (devices is null)
        {
            devices = new XElement("devices");
            domain.Add(devices);
        }

        // After the last disk, where libvirt keeps disks; first when there is none.
        if (devices.Elements("disk").LastOrDefault() is { } last)
        {
            last.AddAfterSelf(disk);
        }
        else
        {
            devices.AddFirst(disk);
        }

        return domain.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A definition without the disk of <paramref name="volumeId"/>; nothing else changes.</summary>
    public static string WithoutVolume(string definition, string volumeId)
    {
        var domain = XElement.Parse(definition);
        foreach (var (_, element) in VolumeDisks(domain).Where(d => d.VolumeId == volumeId).ToList())
        {
            element.Remove();
        }

        return domain.ToString(SaveOptions.DisableFormatting);
    }

    private static IEnumerable<(string VolumeId, XElement Element)> VolumeDisks(XElement domain)
    {
        foreach (var disk in domain.Element("devices")?.Elements("disk") ?? [])
        {
            if (VolumeSerial.TryGetVolumeId(disk.Element("serial")?.Value, out var volumeId))
            {
                yield return (volumeId, disk);
            }
        }
    }
}
