using System.Text.RegularExpressions;

namespace StandardsCloud.Compute.Volumes;

/// <summary>
/// Device names an owner may ask for (<c>/dev/sd[f-p]</c> as EC2 advises, <c>/dev/vd[b-z]</c>,
/// <c>/dev/xvd[b-z]</c>) and the hypervisor targets (<c>vdc</c>…<c>vdz</c>) an instance's volumes take:
/// hosts give <c>vda</c> to the boot disk and <c>vdb</c> to the context disk.
/// </summary>
public static partial class VolumeDevices
{
    /// <summary>The targets volumes may take, lowest first (<c>vda</c> is the boot disk, <c>vdb</c> the context disk).</summary>
    public static IReadOnlyList<string> Targets { get; } = [.. Enumerable.Range('c', 'z' - 'c' + 1).Select(c => "vd" + (char)c)];

    /// <summary>What is wrong with <paramref name="device"/>, or null when an owner may ask for it.</summary>
    public static string? ProblemOf(string device) =>
        Allowed().IsMatch(device)
            ? null
            : $"the device name '{device}' is not allowed; allowed: /dev/sdf to /dev/sdp, /dev/vdb to /dev/vdz, /dev/xvdb to /dev/xvdz";

    /// <summary>The longest mount point kept, as a Linux path component limit allows.</summary>
    public const int MaxMountPoint = 255;

    /// <summary>What is wrong with a mount point, or null when it can be kept: an absolute path in the guest, no control characters.</summary>
    public static string? MountPointProblem(string mountPoint) =>
        mountPoint.StartsWith('/') && mountPoint.Length <= MaxMountPoint && !mountPoint.Any(char.IsControl)
            ? null
            : $"a mount point is an absolute path in the guest of at most {MaxMountPoint} characters, without control characters";

    /// <summary>The lowest <c>/dev/vdX</c> from <c>/dev/vdc</c> not in <paramref name="used"/>, or null when all are taken.</summary>
    public static string? NextFreeDevice(IReadOnlyCollection<string> used) =>
        Targets.Select(t => "/dev/" + t).FirstOrDefault(d => !used.Contains(d));

    /// <summary>The lowest target not in <paramref name="used"/>, or null when all are taken.</summary>
    public static string? NextFreeTarget(IReadOnlyCollection<string> used) => Targets.FirstOrDefault(t => !used.Contains(t));

    [GeneratedRegex(@"^/dev/(sd[f-p]|vd[b-z]|xvd[b-z])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
