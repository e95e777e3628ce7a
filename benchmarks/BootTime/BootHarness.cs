using System.Diagnostics;
using StandardsCloud.BootTime.Measure;
using StandardsCloud.BootTime.Report;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Api;
using StandardsCloud.LoadHarness.Cloud;
using StandardsCloud.LoadHarness.Measure;

namespace StandardsCloud.BootTime;

/// <summary>
/// Brings up PostgreSQL, the server and one node daemon on <c>qemu:///system</c>. It publishes the
/// tiny guest in the Marketplace (served over HTTP by the harness) and registers it, and registers
/// the same disk once more with its kernel and initramfs to boot directly. One instance of each
/// puts the files in the node's cache; then each round boots, one after the other so that all
/// share the machine's conditions: bare QEMU, libvirt alone (directly and through firmware), an
/// instance booting its kernel directly, the same with a new volume attached at launch, an instance
/// of the Marketplace image found in the cache and one whose image the node must download and verify
/// first; then fetches and hashes the image with curl and sha1sum as the download's peer.
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
        var image = await File.ReadAllBytesAsync(options.Image, ct).ConfigureAwait(false);
        var sha1 = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(image));
        await using var server = new ImageServer(image, options.ImagePort, Path.GetFileName(options.Image));
        await using var site = new BenchSite(options.Site with { TrustedEndorsers = [MarketplaceImage.EndorserOf(options.Vectors)] }, _layout);
        await site.StartPostgresAsync(ct).ConfigureAwait(false);
        var admin = await site.StartServerAsync(ct).ConfigureAwait(false);
        using var api = new CloudApi(site.ApiBase, admin, connections: 4);
        await site.StartNodesAsync(api, ct).ConfigureAwait(false);

        var firmwareId = await MarketplaceImage.PublishAsync(api, options.Vectors, image, server.Url, ct).ConfigureAwait(false);
        var boot = new BootBody(await FileAsync(options.Kernel, ct).ConfigureAwait(false), await FileAsync(options.Initrd, ct).ConfigureAwait(false), BootOptions.CommandLine);
        var directId = (await api.RegisterImageAsync(new ImageBody("tiny-guest-direct", server.Url.AbsoluteUri, sha1, boot), ct).ConfigureAwait(false)).Id;
        var type = (await api.InstanceTypesAsync(ct).ConfigureAwait(false)).FirstOrDefault(t => t.Name == options.InstanceType)
            ?? throw new BenchAbortedException($"the site offers no instance type '{options.InstanceType}'");
        var bare = new BareQemu(options, _layout);
        var libvirt = new BareLibvirt(options, _layout);
        var instances = new InstanceBoot(options, _layout, api);
        var cached = Path.Combine(_layout.NodeData(1), "images", sha1);
        var peerCopy = Path.Combine(_layout.Bench, "curl-copy.img");

        // The first launches fetch the image, kernel and initramfs into the node's cache; the measured ones find them there.
        Console.Error.WriteLine("warming up: one bare boot, one instance of each image (fills the image cache)");
        await bare.BootOnceAsync(0, type.Cpus, type.MemoryMiB, ct).ConfigureAwait(false);
        await instances.BootOnceAsync(directId, disks: null, ct).ConfigureAwait(false);
        await instances.BootOnceAsync(firmwareId, disks: null, ct).ConfigureAwait(false);

        var rounds = new List<BootRound>(options.Runs);
        for (var run = 1; run <= options.Runs; run++)
        {
            var bareMs = await bare.BootOnceAsync(run, type.Cpus, type.MemoryMiB, ct).ConfigureAwait(false);
            var libvirtDirect = await libvirt.BootOnceAsync(run, type.Cpus, type.MemoryMiB, direct: true, ct).ConfigureAwait(false);
            var libvirtFirmware = await libvirt.BootOnceAsync(run, type.Cpus, type.MemoryMiB, direct: false, ct).ConfigureAwait(false);
            var direct = await instances.BootOnceAsync(directId, disks: null, ct).ConfigureAwait(false);
            var withVolume = await instances.BootOnceAsync(directId, [new LaunchDiskBody("/dev/vdc", options.VolumeGiB)], ct).ConfigureAwait(false);
            var firmware = await instances.BootOnceAsync(firmwareId, disks: null, ct).ConfigureAwait(false);

            // The node notices the file is gone and fetches the image again, checking size and SHA-1.
            File.Delete(cached);
            var downloadsBefore = server.Downloads.Count;
            var uncached = await instances.BootOnceAsync(firmwareId, disks: null, ct).ConfigureAwait(false);
            var download = server.Downloads.Count > downloadsBefore ? server.Downloads[downloadsBefore] : throw new BenchAbortedException(
                $"the node launched round {run}'s uncached instance without downloading its image; see {_layout.Logs}");
            var curlMs = await CurlAndSha1sum.FetchAndHashAsync(server.Url, peerCopy, sha1, ct).ConfigureAwait(false);
            rounds.Add(new BootRound(bareMs, libvirtDirect, libvirtFirmware, direct, withVolume, firmware, uncached, new ImageFetch(download, curlMs)));
            Console.Error.WriteLine($"round {run}: bare QEMU {bareMs:F0} ms, libvirt alone {libvirtDirect.TotalMs:F0} ms direct / {libvirtFirmware.TotalMs:F0} ms firmware"
                + $" (paused start {libvirtDirect.StartPausedMs:F0} / {libvirtFirmware.StartPausedMs:F0} ms), instance {direct.TotalMs:F0} ms, with volume {withVolume.TotalMs:F0} ms,"
                + $" through firmware {firmware.TotalMs:F0} ms, not cached {uncached.TotalMs:F0} ms (download {download:F0} ms); curl + sha1sum {curlMs:F0} ms");
        }

        return new BootResult(options, rounds, loadBefore, type, image.LongLength);
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
