using System.Diagnostics;
using System.Globalization;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;

namespace StandardsCloud.BootTime.Measure;

/// <summary>
/// References without the cloud: libvirt on its own (<c>virsh define</c>, <c>start --paused</c>,
/// <c>resume</c>) booting the tiny guest through a qcow2 overlay on its disk image, either through
/// firmware and boot loader or directly from the same kernel and initramfs as bare QEMU, as the
/// cloud's instances boot. It separates what libvirt and the boot path cost from what the cloud
/// adds; the paused start shows libvirt's own part (process set-up and its QMP conversation).
/// </summary>
public sealed class BareLibvirt(BootOptions options, BenchLayout layout)
{
    // Not "sc-": a node on the same libvirt would take a domain of that prefix without an owner for its own.
    // The run's node prefix keeps it apart from another run's reference domain on the same libvirtd.
    private readonly string _name = options.Site.NodeNamePrefix + "reference";

    /// <summary>From <c>virsh define</c> to the guest's first console line, and how long <c>virsh start --paused</c> took.</summary>
    public async Task<LibvirtBootSample> BootOnceAsync(int run, int cpus, long memoryMiB, bool direct, CancellationToken ct)
    {
        var dir = Path.Combine(layout.Bench, "libvirt");
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        var overlay = Path.Combine(dir, "overlay.qcow2");
        var console = Path.Combine(dir, $"console-{(direct ? "direct" : "firmware")}-{run}.log");
        File.Delete(overlay);
        File.Delete(console);
        await Tools.RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", options.Image, overlay], ct).ConfigureAwait(false);
        var xml = Path.Combine(dir, "domain.xml");
        await File.WriteAllTextAsync(xml, $"""
            <domain type='qemu'><name>{_name}</name><memory unit='MiB'>{memoryMiB.ToString(CultureInfo.InvariantCulture)}</memory>
            <vcpu>{cpus.ToString(CultureInfo.InvariantCulture)}</vcpu>
            <os><type arch='x86_64' machine='pc'>hvm</type>{(direct ? DirectBoot : "<boot dev='hd'/>")}</os><features><acpi/></features>
            <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='{overlay}'/><target dev='vda' bus='virtio'/></disk>
            <serial type='file'><source path='{console}'/><target port='0'/></serial></devices></domain>
            """, ct).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        try
        {
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "define", xml], ct).ConfigureAwait(false);
            var starting = Stopwatch.GetTimestamp();
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "start", "--paused", _name], ct).ConfigureAwait(false);
            var startMs = Stopwatch.GetElapsedTime(starting).TotalMilliseconds;
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "resume", _name], ct).ConfigureAwait(false);
            var seen = await FirstLine.WaitAsync(console, options.BootLimit, () => false, ct).ConfigureAwait(false)
                ?? throw new BenchAbortedException($"the libvirt reference printed no console line within {options.BootLimit.TotalSeconds:0} s");
            return new LibvirtBootSample(Stopwatch.GetElapsedTime(started, seen.SeenAt).TotalMilliseconds, startMs);
        }
        finally
        {
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "destroy", _name], ct, mayFail: true).ConfigureAwait(false);
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "undefine", _name], ct, mayFail: true).ConfigureAwait(false);
        }
    }

    private string DirectBoot => $"<kernel>{options.Kernel}</kernel><initrd>{options.Initrd}</initrd><cmdline>{BootOptions.CommandLine}</cmdline>";
}

/// <summary>One boot of a libvirt reference: to the first console line, and libvirt's paused start within it.</summary>
public sealed record LibvirtBootSample(double TotalMs, double StartPausedMs);
