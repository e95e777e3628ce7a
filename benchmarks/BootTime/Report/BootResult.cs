using StandardsCloud.LoadHarness.Api;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.BootTime.Report;

/// <summary>
/// One instance's boot: milliseconds from sending the launch request to its first console line,
/// and to the moments its history records it placed on the host and running (NaN when absent).
/// </summary>
public sealed record InstanceBootSample(double TotalMs, double PlacedMs, double RunningMs);

/// <summary>
/// One round's fetch of the image: the node's download with its size and SHA-1 check, timed by the
/// harness's HTTP server from the request to the last byte sent, and curl + sha1sum on the same URL.
/// </summary>
public sealed record ImageFetch(double NodeDownloadMs, double CurlSha1sumMs);

/// <summary>
/// One round's boots and the image fetched both ways: bare QEMU; libvirt alone booting the kernel
/// directly and through firmware; an instance of the image that boots its kernel directly, the same
/// with a new volume; an instance of the Marketplace image (the same disk, through firmware and boot
/// loader) found in the node's cache, and one the node must download first.
/// </summary>
public sealed record BootRound(
    double BareMs,
    Measure.LibvirtBootSample LibvirtDirect,
    Measure.LibvirtBootSample LibvirtFirmware,
    InstanceBootSample Instance,
    InstanceBootSample InstanceWithVolume,
    InstanceBootSample InstanceFirmware,
    InstanceBootSample Uncached,
    ImageFetch Fetch);

/// <summary>What a run measured.</summary>
public sealed record BootResult(BootOptions Options, IReadOnlyList<BootRound> Rounds, double LoadAverageBefore, InstanceTypeEntry Type, long ImageBytes)
{
    /// <summary>Ours may take at most this multiple of bare QEMU's time.</summary>
    public const double TargetRatio = 1.2;

    public LatencySummary Bare => LatencySummary.Of(Rounds.Select(r => r.BareMs));

    public LatencySummary LibvirtDirect => LatencySummary.Of(Rounds.Select(r => r.LibvirtDirect.TotalMs));

    public LatencySummary LibvirtFirmware => LatencySummary.Of(Rounds.Select(r => r.LibvirtFirmware.TotalMs));

    /// <summary>libvirt's paused start alone, over both references: the same work whatever the guest boots.</summary>
    public LatencySummary LibvirtStart => LatencySummary.Of(Rounds.SelectMany(r => new[] { r.LibvirtDirect.StartPausedMs, r.LibvirtFirmware.StartPausedMs }));

    public LatencySummary Instance => LatencySummary.Of(Rounds.Select(r => r.Instance.TotalMs));

    public LatencySummary InstanceWithVolume => LatencySummary.Of(Rounds.Select(r => r.InstanceWithVolume.TotalMs));

    public LatencySummary InstanceFirmware => LatencySummary.Of(Rounds.Select(r => r.InstanceFirmware.TotalMs));

    public LatencySummary Uncached => LatencySummary.Of(Rounds.Select(r => r.Uncached.TotalMs));

    public LatencySummary NodeDownload => LatencySummary.Of(Rounds.Select(r => r.Fetch.NodeDownloadMs));

    public LatencySummary CurlSha1sum => LatencySummary.Of(Rounds.Select(r => r.Fetch.CurlSha1sumMs));

    /// <summary>Megabytes (10^6 bytes) per second of the image fetched in <paramref name="milliseconds"/>.</summary>
    public double MegabytesPerSecond(double milliseconds) => ImageBytes / 1e6 / (milliseconds / 1000);

    /// <summary>Medians of the phases of one way of booting: to placed, to running, to the first console line.</summary>
    public static (double Placed, double Running, double FirstLine) Phases(IEnumerable<InstanceBootSample> samples)
    {
        var list = samples.ToList();
        return (LatencySummary.Of(list.Select(s => s.PlacedMs).Where(double.IsFinite)).P50,
            LatencySummary.Of(list.Select(s => s.RunningMs).Where(double.IsFinite)).P50,
            LatencySummary.Of(list.Select(s => s.TotalMs)).P50);
    }

    /// <summary>Median against median: one slow boot on either side does not decide the verdict.</summary>
    public double InstanceRatio => Instance.P50 / Bare.P50;

    public double InstanceWithVolumeRatio => InstanceWithVolume.P50 / Bare.P50;

    public double InstanceFirmwareRatio => InstanceFirmware.P50 / Bare.P50;

    /// <summary>The floor of any cloud that starts its guests through libvirt here: libvirt alone, booting the same kernel directly.</summary>
    public double LibvirtDirectRatio => LibvirtDirect.P50 / Bare.P50;

    /// <summary>What the cloud adds to libvirt booting the same kernel the same way.</summary>
    public double InstanceToLibvirtRatio => Instance.P50 / LibvirtDirect.P50;
}
