using System.Text;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Libvirt;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Agent;

/// <summary>
/// The persistent-disk round trip with real guests: a node on QEMU (TCG) boots the
/// tiny guest with a context disk and a qcow2 volume; its user data, a script, writes a marker onto
/// the volume and the guest powers off. A second guest given the same volume prints the marker.
/// The node runs on <see cref="RealQemu.Uri"/>.
/// </summary>
[Collection(RealQemu.Guests)]
public sealed class RealGuestVolumeTests : IDisposable
{
    private static readonly TimeSpan Boot = RealQemu.Boot;
    private static readonly string QemuUri = RealQemu.Uri;
    private const string Marker = "sc-volume-marker-7f3a";

    private readonly TempDir _volumes = new();

    public void Dispose() => _volumes.Dispose();

    /// <summary>A new empty qcow2 volume of <paramref name="size"/>, where QEMU can reach it, as the guest's first volume (vdc).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private async Task<DesiredDisk> NewVolumeAsync(int number, string size)
    {
        File.SetUnixFileMode(_volumes.Path, (UnixFileMode)0b111_101_101);
        var path = _volumes.File($"volume-{number}.qcow2");
        await Tool.OutputAsync("qemu-img", "create", "-q", "-f", "qcow2", path, size);
        return new DesiredDisk(Desired.VolumeId(number), "/dev/sdf", "vdc", new DiskSource(DiskSourceKind.File, path), ReadOnly: false);
    }

    private static string Script(string body) => Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/sh\n" + body));

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TinyGuests_OnQemu_MarkerWrittenByOneIsReadByTheNext()
    {
        var image = await RealQemu.TinyImageAsync();
        var disk = await NewVolumeAsync(0xa, "16M");
        var volumeId = disk.VolumeId;
        var serial = VolumeSerial.For(volumeId);

        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url, libvirtUri: QemuUri);
        var layout = new DomainLayout(node.DataDir);
        var poweroff = new Dictionary<string, string> { ["POWEROFF"] = "yes" };
        var writer = new DesiredDomain("i-000000000000000a1", 1, 256, image, DesiredPower.Running, 0,
            Contexts.Bare(Script($"""
                for s in /sys/block/vd*/serial; do
                    [ "$(cat "$s")" = "{serial}" ] || continue
                    d="${"{"}s%/serial{"}"}"; d="/dev/${"{"}d##*/{"}"}"
                    printf '{Marker}\n' >"$d" && sync && echo "wrote marker to $d"
                done
                """), poweroff),
            [disk]);
        var reader = writer with
        {
            InstanceId = "i-000000000000000b2",
            Context = Contexts.Bare(Script($"""
                for s in /sys/block/vd*/serial; do
                    [ "$(cat "$s")" = "{serial}" ] || continue
                    d="${"{"}s%/serial{"}"}"; echo "volume says: $(head -c {Marker.Length} "/dev/${"{"}d##*/{"}"}")"
                done
                """), poweroff),
        };

        try
        {
            core.SetDesired(writer);
            await core.WaitForReportAsync(
                r => r.Any(x => x.InstanceId == writer.InstanceId && x.AttachedVolumes is [var held] && held == volumeId), Boot);
            var first = await RealQemu.WaitForConsoleAsync(layout.ConsolePath(writer.InstanceId), "StandardsCloud tiny guest: powering off");
            Assert.Contains($"StandardsCloud tiny guest: disk /dev/vdc serial {serial} sectors 32768", first, StringComparison.Ordinal);
            Assert.Contains("wrote marker to /dev/vdc", first, StringComparison.Ordinal);
            Assert.Contains($"context: meta-data: instance-id: \"{writer.InstanceId}\"", first, StringComparison.Ordinal);
            Assert.Contains("context: context.sh: POWEROFF=\"yes\"", first, StringComparison.Ordinal);

            // The writer is gone before the reader starts: a read-write volume is one guest's at a time.
            core.SetDesired();
            await core.WaitForReportAsync(r => r.Count == 0, Boot);
            // The report may show the domain gone a moment before its files are.
            await WaitForAsync(() => !File.Exists(layout.ContextPath(writer.InstanceId)), "the context disk goes with its domain");

            core.SetDesired(reader);
            var second = await RealQemu.WaitForConsoleAsync(layout.ConsolePath(reader.InstanceId), "StandardsCloud tiny guest: powering off");
            Assert.Contains($"volume says: {Marker}", second, StringComparison.Ordinal);
        }
        finally
        {
            core.SetDesired();
            await core.WaitForReportAsync(r => r.Count == 0, Boot);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TinyGuest_OnQemu_VolumeHotPluggedAndUnplugged_ReportsFollowTheLiveGuest()
    {
        var image = await RealQemu.TinyImageAsync();
        var disk = await NewVolumeAsync(0xb, "8M");
        var volumeId = disk.VolumeId;

        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url, libvirtUri: QemuUri);
        var layout = new DomainLayout(node.DataDir);
        var guest = new DesiredDomain("i-000000000000000c3", 1, 256, image, DesiredPower.Running, 0, Contexts.Bare(), []);
        try
        {
            core.SetDesired(guest);
            await RealQemu.WaitForConsoleAsync(layout.ConsolePath(guest.InstanceId), "StandardsCloud tiny guest: idle");

            core.SetDesired(guest with { Disks = [disk] });
            await core.WaitForReportAsync(r => r.Any(x => x.State == DomainState.Running && x.AttachedVolumes is [var v] && v == volumeId), Boot);
            using (var domain = node.Node.Connection.Lookup(DomainName.For(guest.InstanceId)).Value)
            {
                Assert.Equal([volumeId], DiskXml.ReadVolumes(domain.GetXml().Value));
                Assert.Equal([volumeId], DiskXml.ReadVolumes(domain.GetXml(DomainXmlOptions.Inactive).Value));
            }

            core.SetDesired(guest with { Disks = [] });
            await core.WaitForReportAsync(r => r.Any(x => x.State == DomainState.Running && x.AttachedVolumes is []), Boot);
            using (var domain = node.Node.Connection.Lookup(DomainName.For(guest.InstanceId)).Value)
            {
                Assert.Empty(DiskXml.ReadVolumes(domain.GetXml().Value));
                Assert.Empty(DiskXml.ReadVolumes(domain.GetXml(DomainXmlOptions.Inactive).Value));
            }
        }
        finally
        {
            core.SetDesired();
            await core.WaitForReportAsync(r => r.Count == 0, Boot);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Boot;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, what);
            await Task.Delay(100);
        }
    }
}
