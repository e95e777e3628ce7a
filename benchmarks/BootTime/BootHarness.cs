using System.Diagnostics;
using StandardsCloud.BootTime.Measure;
using StandardsCloud.BootTime.Report;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Api;
using StandardsCloud.LoadHarness.Cloud;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.BootTime;

/// <summary>
/// Brings up PostgreSQL, the server and one node daemon on <c>qemu:///system</c>, registers the tiny
/// guest twice (with its kernel and initramfs to boot directly, and as a plain disk), boots one
/// instance of each to fill the node's cache, then runs the rounds: each boots bare QEMU, libvirt
/// alone (directly and through firmware), an instance booting directly, the same with a new volume
/// attached at launch, and an instance booting through firmware, one after the other, so all share
/// the machine's conditions.
/// </summary>
public sealed class BootHarness(BootOptions options)
{
    private readonly BenchLayout _layout = new(options.Root, "boot-time");

    public async Task<BootResult> RunAsync(CancellationToken ct)
    {
        foreach (var file in new[] { options.Image, options.Kernel, options.Initrd })
        {
            if (!File.Exists(file))
            {
                throw new BenchAbortedException($"{file} does not exist; scripts/build-tiny-guest.sh builds the tiny guest");
            }
        }

        _layout.Reset();
        var loadBefore = MachineLoad.OneMinute();
        await using var site = new BenchSite(options.Site, _layout);
        await site.StartPostgresAsync(ct).ConfigureAwait(false);
        var admin = await site.StartServerAsync(ct).ConfigureAwait(false);
        using var api = new CloudApi(site.ApiBase, admin, connections: 4);
        await site.StartNodesAsync(api, ct).ConfigureAwait(false);

        // The same disk twice: once carrying its kernel and initramfs (booted directly), once booting through firmware.
        var disk = await FileAsync(options.Image, ct).ConfigureAwait(false);
        var boot = new BootBody(await FileAsync(options.Kernel, ct).ConfigureAwait(false), await FileAsync(options.Initrd, ct).ConfigureAwait(false), BootOptions.CommandLine);
        var direct = await api.RegisterImageAsync(new ImageBody("tiny-guest", disk.Url, disk.Sha1, boot), ct).ConfigureAwait(false);
        var firmware = await api.RegisterImageAsync(new ImageBody("tiny-guest-firmware", disk.Url, disk.Sha1), ct).ConfigureAwait(false);
        var type = (await api.InstanceTypesAsync(ct).ConfigureAwait(false)).FirstOrDefault(t => t.Name == options.InstanceType)
            ?? throw new BenchAbortedException($"the site offers no instance type '{options.InstanceType}'");
        var bare = new BareQemu(options, _layout);
        var libvirt = new BareLibvirt(options, _layout);
        var instances = new InstanceBoot(options, _layout, api);

        // The first launches fetch the image, kernel and initramfs into the node's cache; every measured one finds them there.
        Console.Error.WriteLine("warming up: one bare boot, one instance of each image (fills the image cache)");
        await bare.BootOnceAsync(0, type.Cpus, type.MemoryMiB, ct).ConfigureAwait(false);
        await instances.BootOnceAsync(direct.Id, disks: null, ct).ConfigureAwait(false);
        await instances.BootOnceAsync(firmware.Id, disks: null, ct).ConfigureAwait(false);

        var rounds = new List<BootRound>(options.Runs);
        for (var run = 1; run <= options.Runs; run++)
        {
            var bareMs = await bare.BootOnceAsync(run, type.Cpus, type.MemoryMiB, ct).ConfigureAwait(false);
            var libvirtDirect = await libvirt.BootOnceAsync(run, type.Cpus, type.MemoryMiB, direct: true, ct).ConfigureAwait(false);
            var libvirtFirmware = await libvirt.BootOnceAsync(run, type.Cpus, type.MemoryMiB, direct: false, ct).ConfigureAwait(false);
            var cached = await instances.BootOnceAsync(direct.Id, disks: null, ct).ConfigureAwait(false);
            var withVolume = await instances.BootOnceAsync(direct.Id, [new LaunchDiskBody("/dev/vdc", options.VolumeGiB)], ct).ConfigureAwait(false);
            var throughFirmware = await instances.BootOnceAsync(firmware.Id, disks: null, ct).ConfigureAwait(false);
            rounds.Add(new BootRound(bareMs, libvirtDirect, libvirtFirmware, cached, withVolume, throughFirmware));
            Console.Error.WriteLine($"round {run}: bare QEMU {bareMs:F0} ms, libvirt alone {libvirtDirect.TotalMs:F0} ms direct / {libvirtFirmware.TotalMs:F0} ms firmware"
                + $" (paused start {libvirtDirect.StartPausedMs:F0} / {libvirtFirmware.StartPausedMs:F0} ms), instance {cached.TotalMs:F0} ms,"
                + $" with volume {withVolume.TotalMs:F0} ms, through firmware {throughFirmware.TotalMs:F0} ms");
        }

        return new BootResult(options, rounds, loadBefore, type);
    }

    private static async Task<BootFileBody> FileAsync(string path, CancellationToken ct) =>
        new(new Uri(path).AbsoluteUri, Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false))));
}

/// <summary>One instance booted through the cloud and timed from its launch request to its first console line.</summary>
internal sealed class InstanceBoot(BootOptions options, BenchLayout layout, CloudApi api)
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    public async Task<InstanceBootSample> BootOnceAsync(string imageId, IReadOnlyList<LaunchDiskBody>? disks, CancellationToken ct)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var reservation = await api.LaunchManyAsync(new LaunchBody(imageId, options.InstanceType, 1, disks), ct).ConfigureAwait(false);
        var id = reservation.Instances[0].Id;

        // The node writes the guest's serial port to <data>/consoles/sc-<instance>.log.
        var console = Path.Combine(layout.NodeData(1), "consoles", "sc-" + id + ".log");
        var seen = await FirstLine.WaitAsync(console, options.BootLimit, () => false, ct).ConfigureAwait(false)
            ?? throw new BenchAbortedException($"instance {id} printed no console line within {options.BootLimit.TotalSeconds:0} s; see {layout.Logs}");
        var elapsed = Stopwatch.GetElapsedTime(started, seen.SeenAt).TotalMilliseconds;

        // One guest at a time: the next boot must not share the CPUs with this one.
        await api.TerminateAsync(id, ct).ConfigureAwait(false);
        await WaitDoneAsync(id, ct).ConfigureAwait(false);

        // Where the time went, from the instance's history (the server's clock, this machine's).
        var history = (await api.HistoryAsync(id, ct).ConfigureAwait(false)).OrderBy(h => h.Version).ToList();
        var placed = history.FirstOrDefault(h => h.Description.StartsWith("placed on host", StringComparison.Ordinal))?.At;
        var running = history.FirstOrDefault(h => h.Description.Contains("→ Running", StringComparison.Ordinal))?.At;
        return new InstanceBootSample(elapsed, Since(sentAt, placed), Since(sentAt, running));
    }

    private static double Since(DateTimeOffset from, DateTimeOffset? to) => to is { } at ? (at - from).TotalMilliseconds : double.NaN;

    private async Task WaitDoneAsync(string id, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleLimit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var all = await api.InstancesAsync("done", ct).ConfigureAwait(false);
            if (all.Any(i => i.Id == id))
            {
                return;
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }

        throw new BenchAbortedException($"instance {id} was not done {SettleLimit.TotalSeconds:0} s after its termination");
    }
}
