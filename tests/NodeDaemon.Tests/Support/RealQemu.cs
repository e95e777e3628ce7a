using System.Security.Cryptography;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>
/// What the tests with real guests share: a libvirt URI of their own, the tiny guest, and waiting
/// for its console. The URI is libvirt's embedded QEMU driver with a root of its own, because a node
/// daemon manages every <c>sc-</c> domain it sees and other nodes may be running against
/// <c>qemu:///system</c> on this machine; <c>STANDARDSCLOUD_TEST_QEMU_URI</c> picks another URI.
/// </summary>
public static class RealQemu
{
    /// <summary>The test collection of every class that boots real guests: one guest at a time, as TCG on a small machine needs.</summary>
    public const string Guests = "real QEMU guests";

    public static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    // The embedded driver takes one root per process; it goes when the test process ends.
    private static readonly string EmbedRoot = Path.Combine(Path.GetTempPath(), "sc-node-qemu-" + Environment.ProcessId);

    public static readonly string Uri = Environment.GetEnvironmentVariable("STANDARDSCLOUD_TEST_QEMU_URI") ?? EmbeddedUri();

    private static string EmbeddedUri()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(EmbedRoot, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return "qemu:///embed?root=" + EmbedRoot;
    }

    /// <summary>The tiny guest's disk image (<c>STANDARDSCLOUD_TINY_IMAGE</c>), which boots through firmware and its boot loader.</summary>
    public static async Task<ImageSource> TinyImageAsync()
    {
        var imagePath = Environment.GetEnvironmentVariable("STANDARDSCLOUD_TINY_IMAGE");
        Assert.True(imagePath is not null && File.Exists(imagePath),
            "STANDARDSCLOUD_TINY_IMAGE must name the tiny guest image; ./test.sh builds it and sets it");
        return await SourceAsync("ami-tiny", imagePath!);
    }

    /// <summary>The tiny guest with its kernel and initramfs (built beside the image) to boot directly with <paramref name="commandLine"/>.</summary>
    public static async Task<ImageSource> TinyDirectBootAsync(string commandLine)
    {
        var image = await TinyImageAsync();
        var disk = new System.Uri(image.Url).LocalPath;
        var kernel = await SourceAsync("ami-tiny/kernel", Path.ChangeExtension(disk, ".vmlinuz"));
        var initrd = await SourceAsync("ami-tiny/initrd", Path.ChangeExtension(disk, ".initrd.gz"));
        return image with { Boot = new DirectBoot(kernel, initrd, commandLine) };
    }

    private static async Task<ImageSource> SourceAsync(string id, string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing; scripts/build-tiny-guest.sh builds it");
        return new ImageSource(id, new System.Uri(path).AbsoluteUri, Convert.ToHexStringLower(SHA1.HashData(await File.ReadAllBytesAsync(path))));
    }

    /// <summary>The console's text once it shows <paramref name="text"/>; fails the test with what it showed after <see cref="Boot"/>.</summary>
    public static async Task<string> WaitForConsoleAsync(string path, string text)
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

/// <summary>Runs the classes that boot real guests one after another.</summary>
[CollectionDefinition(RealQemu.Guests)]
public sealed class RealQemuGuests;
