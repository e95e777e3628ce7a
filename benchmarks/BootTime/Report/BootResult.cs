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

/// <summary>One round's boots and the image fetched both ways.</summary>
public sealed record BootRound(
    double BareMs, double LibvirtMs, InstanceBootSample Instance, InstanceBootSample InstanceWithVolume, InstanceBootSample Uncached, ImageFetch Fetch);

/// <summary>What a run measured.</summary>
public sealed record BootResult(BootOptions Options, IReadOnlyList<BootRound> Rounds, double LoadAverageBefore, InstanceTypeEntry Type, long ImageBytes)
{
    /// <summary>Ours may take at most this multiple of bare QEMU's time.</summary>
    public const double TargetRatio = 1.2;

    public LatencySummary Bare => LatencySummary.Of(Rounds.Select(r => r.BareMs));

    public LatencySummary Libvirt => LatencySummary.Of(Rounds.Select(r => r.LibvirtMs));

    public LatencySummary Instance => LatencySummary.Of(Rounds.Select(r => r.Instance.TotalMs));

    public LatencySummary InstanceWithVolume => LatencySummary.Of(Rounds.Select(r => r.InstanceWithVolume.TotalMs));

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

    /// <summary>What the cloud adds to libvirt booting the same disk the same way.</summary>
    public double InstanceToLibvirtRatio => Instance.P50 / Libvirt.P50;
}
