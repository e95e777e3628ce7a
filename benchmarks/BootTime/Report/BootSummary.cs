using System.Globalization;
using System.Text;

namespace StandardsCloud.BootTime.Report;

/// <summary>The summary printed at the end: each way of booting, then the target beside the figure.</summary>
public static class BootSummary
{
    public static string Of(BootResult r, string output)
    {
        var text = new StringBuilder();
        Line(text, $"boot time to the first console line, {r.Rounds.Count} rounds, {r.Type.Name} ({r.Type.Cpus} CPU, {r.Type.MemoryMiB} MiB), TCG");
        Line(text, $"  bare QEMU (direct kernel boot)      p50 {r.Bare.P50,7:F0} ms   max {r.Bare.Max,7:F0} ms");
        Line(text, $"  libvirt alone, direct kernel boot   p50 {r.LibvirtDirect.P50,7:F0} ms   max {r.LibvirtDirect.Max,7:F0} ms");
        Line(text, $"  libvirt alone, firmware             p50 {r.LibvirtFirmware.P50,7:F0} ms   max {r.LibvirtFirmware.Max,7:F0} ms");
        Line(text, $"  instance, direct kernel boot        p50 {r.Instance.P50,7:F0} ms   max {r.Instance.Max,7:F0} ms");
        Line(text, $"  instance with a new volume          p50 {r.InstanceWithVolume.P50,7:F0} ms   max {r.InstanceWithVolume.Max,7:F0} ms");
        Line(text, $"  instance, firmware, cached image    p50 {r.InstanceFirmware.P50,7:F0} ms   max {r.InstanceFirmware.Max,7:F0} ms");
        Line(text, $"  instance, firmware, not cached      p50 {r.Uncached.P50,7:F0} ms   max {r.Uncached.Max,7:F0} ms");
        Line(text, $"  libvirt's own paused start          p50 {r.LibvirtStart.P50,7:F0} ms   (part of every libvirt boot above)");
        foreach (var (what, samples) in new[]
        {
            ("instance", r.Rounds.Select(x => x.Instance)), ("with volume", r.Rounds.Select(x => x.InstanceWithVolume)),
            ("firmware", r.Rounds.Select(x => x.InstanceFirmware)), ("not cached", r.Rounds.Select(x => x.Uncached)),
        })
        {
            var (placed, running, firstLine) = BootResult.Phases(samples);
            Line(text, $"  {what,-12} medians: placed {placed:F0} ms, running {running:F0} ms, first console line {firstLine:F0} ms after the launch request");
        }

        Line(text, $"  image fetch, {r.ImageBytes / 1048576.0:F0} MiB over HTTP: node download + size/SHA-1 check p50 {r.NodeDownload.P50:F0} ms ({r.MegabytesPerSecond(r.NodeDownload.P50):F0} MB/s), "
            + $"curl + sha1sum p50 {r.CurlSha1sum.P50:F0} ms ({r.MegabytesPerSecond(r.CurlSha1sum.P50):F0} MB/s)");
        Verdict(text, "instance / bare QEMU", r.InstanceRatio);
        Verdict(text, "instance with volume / bare QEMU", r.InstanceWithVolumeRatio);
        Line(text, $"  instance through firmware / bare QEMU  {r.InstanceFirmwareRatio,5:F2}x");
        Line(text, $"  libvirt alone (direct) / bare QEMU     {r.LibvirtDirectRatio,5:F2}x  (the floor of any guest libvirt starts here)");
        Line(text, $"  instance / libvirt alone (direct)      {r.InstanceToLibvirtRatio,5:F2}x  (what the cloud adds to libvirt's own boot)");
        Line(text, $"results: {output}");
        return text.ToString();
    }

    private static void Verdict(StringBuilder text, string what, double ratio) =>
        Line(text, $"  {what,-34} {ratio,5:F2}x  (target <= {BootResult.TargetRatio:F1}x)  {(ratio <= BootResult.TargetRatio ? "PASS" : "MISS")}");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
