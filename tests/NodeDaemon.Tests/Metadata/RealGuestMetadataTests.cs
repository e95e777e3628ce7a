using System.Security.Cryptography;
using System.Runtime.Versioning;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Metadata;

/// <summary>
/// A real guest on a bridge reads its own instance id and user data from the metadata service of
/// the node daemon process that runs it (qemu:///system, TCG). The guest learns its address from a
/// context disk the node builds from the context the (fake) core sends.
/// </summary>
public sealed class RealGuestMetadataTests
{
    private static readonly TimeSpan BootPatience = TimeSpan.FromSeconds(180);

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task TinyGuest_OnBridge_PrintsItsOwnInstanceIdAndUserDataFromTheNode()
    {
        var imagePath = Environment.GetEnvironmentVariable("STANDARDSCLOUD_TINY_IMAGE");
        Assert.True(imagePath is not null && File.Exists(imagePath),
            "STANDARDSCLOUD_TINY_IMAGE must name the tiny guest image; ./test.sh builds it and sets it");

        using var dir = new TempDir();
        // QEMU runs as its own user: it must reach the image cache, the overlays, the context disks and the consoles.
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        var instanceId = "i-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17];
        using var bridge = HostBridge.Create();
        var address = bridge.Address(10);

        var sha1 = Convert.ToHexStringLower(SHA1.HashData(await File.ReadAllBytesAsync(imagePath!)));
        var image = new ImageSource("ami-tinyguest", new Uri(imagePath!).AbsoluteUri, sha1);
        var context = Guests.Context(address, "first line\nsecond line") with { Gateway = bridge.Gateway };
        await using var core = await FakeCore.StartAsync();
        core.SetDesired(Guests.Domain(instanceId, context) with { Image = image });

        var data = dir.File("node");
        var node = NodeDaemonProcess.Start(
            ["--core", core.Url.ToString().TrimEnd('/'), "--join-token", FakeCore.JoinToken, "--name", "imds-host",
             "--uri", "qemu:///system", "--data-dir", data, "--bridge", bridge.Name]);
        try
        {
            var console = await WaitForConsoleAsync(new DomainLayout(data).ConsolePath(instanceId), node);

            var guestLines = string.Join('\n', console.Split('\n').Where(l => !l.StartsWith('[')));
            Assert.True(
                guestLines.Contains($"StandardsCloud tiny guest: metadata instance-id {instanceId}\n", StringComparison.Ordinal)
                && guestLines.Contains("metadata: user-data: first line\nmetadata: user-data: second line", StringComparison.Ordinal),
                $"the guest did not print its metadata; console:\n{guestLines}\nnode:\n{node.Output}");
            Assert.False(node.HasExited, node.Output);
        }
        finally
        {
            await node.DisposeAsync();
            await RemoveDomainAsync(instanceId);
        }
    }

    /// <summary>The console once the guest has printed its user data's last line, or failed: it never waits past "idle".</summary>
    private static async Task<string> WaitForConsoleAsync(string path, NodeDaemonProcess node)
    {
        var until = DateTime.UtcNow + BootPatience;
        var seen = "";
        while (DateTime.UtcNow < until && !node.HasExited)
        {
            seen = File.Exists(path) ? (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n", StringComparison.Ordinal) : "";
            if (seen.Contains("metadata: user-data: second line", StringComparison.Ordinal)
                || seen.Contains("StandardsCloud tiny guest: idle", StringComparison.Ordinal))
            {
                return seen;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"the guest never finished; console:\n{seen}\nnode:\n{node.Output}");
        return seen;
    }

    /// <summary>
    /// Destroys and undefines the guest through <c>virsh</c>, trying again while libvirt still holds
    /// a job the killed node left behind; a guest left running would take a CPU from every later
    /// test. Not through this process's libvirt: once another test here has opened the embedded
    /// QEMU driver, this process cannot open <c>qemu:///system</c>.
    /// </summary>
    private static async Task RemoveDomainAsync(string instanceId)
    {
        var name = DomainName.For(instanceId);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var problem = "";
        while (DateTime.UtcNow < until)
        {
            var state = await Tool.RunAsync("virsh", "-c", "qemu:///system", "domstate", name);
            if (state.ExitCode != 0)
            {
                Assert.Contains("failed to get domain", state.Error, StringComparison.Ordinal);
                return;
            }

            var destroyed = await Tool.RunAsync("virsh", "-c", "qemu:///system", "destroy", name);
            var undefined = await Tool.RunAsync("virsh", "-c", "qemu:///system", "undefine", name);
            problem = destroyed.Error + undefined.Error;
            await Task.Delay(500);
        }

        Assert.Fail($"the guest {instanceId} could not be removed: {problem}");
    }
}
