using StandardsCloud.LoadHarness.Measure;
using StandardsCloud.LoadHarness.Report;

namespace StandardsCloud.BootTime.Report;

/// <summary>The run's record: one benchmark per way of booting, then the ratios against bare QEMU.</summary>
public static class BootResultsXml
{
    public static void Write(BootResult r, string path)
    {
        using var record = new ResultsRecord(path);
        Boots(record, r, "boot_bare_qemu", "qemu-system-x86_64 -kernel -initrd (direct kernel boot)", r.Bare, null);
        Boots(record, r, "boot_libvirt_alone_direct",
            "virsh define, start --paused, resume: the same kernel and initramfs, qcow2 overlay on the disk image", r.LibvirtDirect, null,
            x => x.Element("start_paused_p50_ms", LatencySummary.Of(r.Rounds.Select(b => b.LibvirtDirect.StartPausedMs)).P50, "F0"));
        Boots(record, r, "boot_libvirt_alone_firmware",
            "virsh define, start --paused, resume: qcow2 overlay on the disk image, firmware and boot loader", r.LibvirtFirmware, null,
            x => x.Element("start_paused_p50_ms", LatencySummary.Of(r.Rounds.Select(b => b.LibvirtFirmware.StartPausedMs)).P50, "F0"));
        Boots(record, r, "boot_instance_cached_image",
            "POST /api/v1/instances, image in the node's cache (qcow2 overlay), its kernel and initramfs booted directly",
            r.Instance, r.Rounds.Select(x => x.Instance));
        Boots(record, r, "boot_instance_with_volume", $"the same with a new {r.Options.VolumeGiB} GiB volume attached at launch",
            r.InstanceWithVolume, r.Rounds.Select(x => x.InstanceWithVolume));
        Boots(record, r, "boot_instance_firmware", "POST /api/v1/instances of the Marketplace image (the same disk), in the node's cache: firmware and boot loader",
            r.InstanceFirmware, r.Rounds.Select(x => x.InstanceFirmware));
        Boots(record, r, "boot_instance_uncached_image", "the same, image removed from the node's cache: downloaded over HTTP, size and SHA-1 checked, then as cached",
            r.Uncached, r.Rounds.Select(x => x.Uncached));
        record.Benchmark("image_fetch", p =>
        {
            p.Element("image_bytes", r.ImageBytes);
            p.Element("source", "HTTP on 127.0.0.1, served from memory by the harness");
            p.Element("ours", "node daemon image cache: download, size and SHA-1 checked while downloading (timed by the HTTP server, request to last byte sent)");
            p.Element("peer", "curl -o, then sha1sum, on the same URL (timed around both processes)");
            p.Element("runs", r.Rounds.Count);
            p.Element("machine_cpus", Environment.ProcessorCount);
            p.Element("machine_load_1m", r.LoadAverageBefore);
        }, x =>
        {
            x.Element("download_verify_p50_ms", r.NodeDownload.P50, "F0");
            x.Element("download_verify_mb_per_sec", r.MegabytesPerSecond(r.NodeDownload.P50), "F0");
            x.Element("curl_sha1sum_p50_ms", r.CurlSha1sum.P50, "F0");
            x.Element("curl_sha1sum_mb_per_sec", r.MegabytesPerSecond(r.CurlSha1sum.P50), "F0");
            x.Element("uncached_minus_cached_p50_ms", r.Uncached.P50 - r.InstanceFirmware.P50, "F0");
            x.Element("uncached_minus_cached_to_running_p50_ms",
                BootResult.Phases(r.Rounds.Select(y => y.Uncached)).Running - BootResult.Phases(r.Rounds.Select(y => y.InstanceFirmware)).Running, "F0");
        });
        record.Benchmark("boot_ratio_to_bare_qemu", p =>
        {
            p.Element("statistic", "median against median");
            p.Element("target_ratio", BootResult.TargetRatio);
        }, x =>
        {
            x.Element("instance_ratio", r.InstanceRatio, "F2");
            x.Element("instance_with_volume_ratio", r.InstanceWithVolumeRatio, "F2");
            x.Element("instance_firmware_ratio", r.InstanceFirmwareRatio, "F2");
            x.Element("libvirt_alone_direct_ratio", r.LibvirtDirectRatio, "F2");
            x.Element("instance_to_libvirt_alone_direct_ratio", r.InstanceToLibvirtRatio, "F2");
            x.Element("libvirt_start_paused_p50_ms", r.LibvirtStart.P50, "F0");
        });
    }

    private static void Boots(
        ResultsRecord record, BootResult r, string name, string how, LatencySummary boots, IEnumerable<InstanceBootSample>? samples,
        Action<ResultsRecord>? more = null)
    {
        record.Benchmark(name, p =>
        {
            p.Element("how", how);
            p.Element("runs", r.Rounds.Count);
            p.Element("instance_type", r.Type.Name);
            p.Element("cpus", r.Type.Cpus);
            p.Element("memory_mib", r.Type.MemoryMiB);
            p.Element("accelerator", "tcg");
            p.Element("measured_to", "first line on the serial console");
            p.Element("machine_cpus", Environment.ProcessorCount);
            p.Element("machine_load_1m", r.LoadAverageBefore);
        }, x =>
        {
            x.Element("p50_ms", boots.P50, "F0");
            x.Element("p95_ms", boots.P95, "F0");
            x.Element("max_ms", boots.Max, "F0");
            if (samples is not null)
            {
                var (placed, running, _) = BootResult.Phases(samples);
                x.Element("to_placed_p50_ms", placed, "F0");
                x.Element("to_running_p50_ms", running, "F0");
            }

            more?.Invoke(x);
        });
    }
}
