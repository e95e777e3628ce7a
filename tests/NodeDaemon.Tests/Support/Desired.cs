using System.Security.Cryptography;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>Builds desired domains and the small image file they boot from.</summary>
public static class Desired
{
    public static ImageSource Image { get; } = new("img-1", "file:///nonexistent", new string('0', 40));

    public static DesiredDomain Domain(
        string id, DesiredPower power = DesiredPower.Running, int rebootGeneration = 0, ImageSource? image = null) =>
        new(id, 1, 256, image ?? Image, power, rebootGeneration);

    /// <summary>A volume id from a small number: vol- and 17 hex digits.</summary>
    public static string VolumeId(int n) => "vol-" + n.ToString("x17", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A read-write qcow2 file volume at <paramref name="target"/>.</summary>
    public static DesiredDisk FileDisk(int n, string target, string? path = null, bool readOnly = false) =>
        new(VolumeId(n), "/dev/sd" + target[^1], target, new DiskSource(DiskSourceKind.File, path ?? $"/srv/volumes/{VolumeId(n)}.qcow2"), readOnly);

    /// <summary>Writes an image file and returns its source with the right SHA-1.</summary>
    public static ImageSource WriteImage(string path, string id = "img-1", int size = 4096)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return new ImageSource(id, new Uri(path).AbsoluteUri, Convert.ToHexStringLower(SHA1.HashData(bytes)));
    }
}
