using System.Xml.Linq;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Agent;

/// <summary>
/// An image that carries its kernel and initramfs boots directly: the node fetches both into its
/// image cache, checks their SHA-1, and has QEMU load them with the image's command line, which the
/// guest's kernel prints first thing. The disk image stays the guest's first disk.
/// </summary>
[Collection(RealQemu.Guests)]
public sealed class RealGuestDirectBootTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TinyGuest_WithKernelAndInitrd_BootsThemDirectlyWithTheImagesCommandLine()
    {
        const string commandLine = "console=ttyS0 sc.boot=direct";
        var image = await RealQemu.TinyDirectBootAsync(commandLine);

        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url, libvirtUri: RealQemu.Uri);
        var layout = new DomainLayout(node.DataDir);
        var guest = new DesiredDomain("i-000000000000000d4", 1, 256, image, DesiredPower.Running, 0, Contexts.Bare());
        try
        {
            core.SetDesired(guest);
            var console = await RealQemu.WaitForConsoleAsync(layout.ConsolePath(guest.InstanceId), "StandardsCloud tiny guest: idle");

            Assert.Contains($"Command line: {commandLine}", console, StringComparison.Ordinal);
            Assert.Contains($"context: meta-data: instance-id: \"{guest.InstanceId}\"", console, StringComparison.Ordinal);
            using var domain = node.Node.Connection.Lookup(DomainName.For(guest.InstanceId)).Value;
            var os = XElement.Parse(domain.GetXml().Value).Element("os")!;
            Assert.Equal(layout.ImagePath(image.Boot!.Kernel.Sha1), os.Element("kernel")?.Value);
            Assert.Equal(layout.ImagePath(image.Boot.Initrd!.Sha1), os.Element("initrd")?.Value);
        }
        finally
        {
            core.SetDesired();
            await core.WaitForReportAsync(r => r.Count == 0, RealQemu.Boot);
        }
    }

    /// <summary>The files are checked before any hypervisor sees them, so the test driver shows it.</summary>
    [Fact]
    public async Task KernelWhoseSha1DiffersFromTheFile_DomainFailsWithTheReason()
    {
        var image = await RealQemu.TinyDirectBootAsync("console=ttyS0");
        var wrong = image with { Boot = image.Boot! with { Kernel = image.Boot.Kernel with { Sha1 = new string('0', 40) } } };

        await using var core = await FakeCore.StartAsync();
        await using var node = RunningNode.Start(core.Url);
        core.SetDesired(new DesiredDomain("i-000000000000000d5", 1, 256, wrong, DesiredPower.Running, 0, Contexts.Bare()));

        var reports = await core.WaitForReportAsync(r => r.Any(x => x.State == DomainState.Failed), RealQemu.Boot);
        var failed = reports.Single(x => x.State == DomainState.Failed);
        Assert.Contains("kernel", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("SHA-1", failed.Reason, StringComparison.Ordinal);
    }
}
