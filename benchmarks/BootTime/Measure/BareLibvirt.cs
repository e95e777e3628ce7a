using System.Diagnostics;
using System.Globalization;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;

namespace StandardsCloud.BootTime.Measure;

/// <summary>
/// A second reference: libvirt on its own (<c>virsh define</c> and <c>start</c>) booting the tiny
/// guest's disk image through a qcow2 overlay, firmware and boot loader, as the cloud's instances
/// boot, without the cloud. It separates what libvirt and the boot path cost from what the cloud adds.
/// </summary>
public sealed class BareLibvirt(BootOptions options, BenchLayout layout)
{
    // Not "sc-": a node on the same libvirt would take a domain of that prefix without an owner for its own.
    // The run's node prefix keeps it apart from another run's reference domain on the same libvirtd.
    private readonly string _name = options.Site.NodeNamePrefix + "reference";

    /// <summary>Milliseconds from <c>virsh define</c> to the guest's first console line.</summary>
    public async Task<double> BootOnceAsync(int run, int cpus, long memoryMiB, CancellationToken ct)
    {
        var dir = Path.Combine(layout.Bench, "libvirt");
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        var overlay = Path.Combine(dir, "overlay.qcow2");
        var console = Path.Combine(dir, $"console-{run}.log");
        File.Delete(overlay);
        File.Delete(console);
        await Tools.RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", options.Image, overlay], ct).ConfigureAwait(false);
        var xml = Path.Combine(dir, "domain.xml");
        await File.WriteAllTextAsync(xml, $"""
            <domain type='qemu'><name>{_name}</name><memory unit='MiB'>{memoryMiB.ToString(CultureInfo.InvariantCulture)}</memory>
            <vcpu>{cpus.ToString(CultureInfo.InvariantCulture)}</vcpu>
            <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os><features><acpi/></features>
            <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='{overlay}'/><target dev='vda' bus='virtio'/></disk>
            <serial type='file'><source path='{console}'/><target port='0'/></serial></devices></domain>
            """, ct).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        try
        {
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "define", xml], ct).ConfigureAwait(false);
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "start", _name], ct).ConfigureAwait(false);
            var seen = await FirstLine.WaitAsync(console, options.BootLimit, () => false, ct).ConfigureAwait(false)
                ?? throw new BenchAbortedException($"the libvirt reference printed no console line within {options.BootLimit.TotalSeconds:0} s");
            return Stopwatch.GetElapsedTime(started, seen.SeenAt).TotalMilliseconds;
        }
        finally
        {
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "destroy", _name], ct, mayFail: true).ConfigureAwait(false);
            await Tools.RunAsync("virsh", ["-q", "-c", "qemu:///system", "undefine", _name], ct, mayFail: true).ConfigureAwait(false);
        }
    }
}
