using System.Diagnostics;
using System.Globalization;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Cloud;

namespace StandardsCloud.BootTime.Measure;

/// <summary>
/// The reference: <c>qemu-system-x86_64</c> started by hand on the tiny guest's kernel and initramfs
/// (direct kernel boot, the shortest way to a running kernel), with the CPUs, memory and accelerator
/// (TCG) the cloud gives its instance, its serial port written to a file.
/// </summary>
public sealed class BareQemu(BootOptions options, BenchLayout layout)
{
    /// <summary>Milliseconds from starting QEMU to the guest's first console line.</summary>
    public async Task<double> BootOnceAsync(int run, int cpus, long memoryMiB, CancellationToken ct)
    {
        var console = Path.Combine(layout.Bench, $"bare-{run}.console");
        File.Delete(console);
        string[] arguments =
        [
            "-accel", "tcg", "-machine", "pc", "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-smp", cpus.ToString(CultureInfo.InvariantCulture), "-m", memoryMiB.ToString(CultureInfo.InvariantCulture),
            "-kernel", options.Kernel, "-initrd", options.Initrd, "-append", BootOptions.CommandLine,
            "-serial", "file:" + console,
        ];

        var started = Stopwatch.GetTimestamp();
        await using var qemu = ChildProcess.Start($"bare-qemu-{run}", "qemu-system-x86_64", arguments, layout.Log($"bare-qemu-{run}"));
        var seen = await FirstLine.WaitAsync(console, options.BootLimit, () => qemu.HasExited, ct).ConfigureAwait(false)
            ?? throw new BenchAbortedException($"bare QEMU run {run} printed no console line within {options.BootLimit.TotalSeconds:0} s; see {layout.Log($"bare-qemu-{run}")}");
        return Stopwatch.GetElapsedTime(started, seen.SeenAt).TotalMilliseconds;
    }
}
