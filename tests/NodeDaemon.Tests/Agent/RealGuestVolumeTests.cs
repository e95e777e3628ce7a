using System.Security.Cryptography;
using System.Text;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Agent;

/// <summary>
/// The persistent-disk round trip with real guests: a node on <c>qemu:///system</c> (TCG) boots the
/// tiny guest with a context disk and a qcow2 volume; its user data, a script, writes a marker onto
/// the volume and the guest powers off. A second guest given the same volume prints the marker.
/// </summary>
public sealed class RealGuestVolumeTests : IDisposable
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);
    private const string Marker = "sc-volume-marker-7f3a";

    private readonly TempDir _volumes = new();

    public void Dispose() => _volumes.Dispose();

    private static string Script(string body) => Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/sh\n" + body));

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TinyGuests_OnQemu_MarkerWrittenByOneIsReadByTheNext()
    {
        var imagePath = Environment.GetEnvironmentVariable("STANDARDSCLOUD_TINY_IMAGE");
        Assert.True(imagePath is not null && File.Exists(imagePath),
            "STANDARDSCLOUD_TINY_IMAGE must name the tiny guest image; ./test.sh builds it and sets it");
        var image = new ImageSource("ami-tiny", new Uri(imagePath!).AbsoluteUri,
            Convert.ToHexStringLower(SHA1.HashData(await File.ReadAllBytesAsync(imagePath!))));

        File.SetUnixFileMode(_volumes.Path, (UnixFileMode)0b111_101_101);
        var volumePath = _volumes.File("volume.qcow2");
        await Tool.OutputAsync("qemu-img", "create", "-q", "-f", "qcow2", volumePath, "16M");
        var volumeId = Desired.VolumeId(0xa);
        var serial = VolumeSerial.For(volumeId);
        var disk = new DesiredDisk(volumeId, "/dev/sdf", "vdb", new DiskSource(DiskSourceKind.File, volumePath), ReadOnly: false);

        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url, libvirtUri: "qemu:///system");
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
            var first = await WaitForConsoleAsync(layout.ConsolePath(writer.InstanceId), "StandardsCloud tiny guest: powering off");
            Assert.Contains($"StandardsCloud tiny guest: disk /dev/vdb serial {serial} sectors 32768", first, StringComparison.Ordinal);
            Assert.Contains("wrote marker to /dev/vdb", first, StringComparison.Ordinal);
            Assert.Contains($"context: meta-data: instance-id: \"{writer.InstanceId}\"", first, StringComparison.Ordinal);
            Assert.Contains("context: context.sh: POWEROFF=\"yes\"", first, StringComparison.Ordinal);

            // The writer is gone before the reader starts: a read-write volume is one guest's at a time.
            core.SetDesired();
            await core.WaitForReportAsync(r => r.Count == 0, Boot);
            Assert.False(File.Exists(layout.ContextPath(writer.InstanceId)), "the context disk goes with its domain");

            core.SetDesired(reader);
            var second = await WaitForConsoleAsync(layout.ConsolePath(reader.InstanceId), "StandardsCloud tiny guest: powering off");
            Assert.Contains($"volume says: {Marker}", second, StringComparison.Ordinal);
        }
        finally
        {
            core.SetDesired();
            await core.WaitForReportAsync(r => r.Count == 0, Boot);
        }
    }

    private static async Task<string> WaitForConsoleAsync(string path, string text)
    {
        var until = DateTime.UtcNow + Boot;
        var seen = "";
        while (DateTime.UtcNow < until)
        {
            if (File.Exists(path))
            {
                seen = await File.ReadAllTextAsync(path);
                if (seen.Contains(text, StringComparison.Ordinal))
                {
                    return seen;
                }
            }

            await Task.Delay(250);
        }

        Assert.Fail($"the console never showed '{text}'; it showed:\n{seen}");
        return seen;
    }
}
