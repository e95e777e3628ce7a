using System.Security.Cryptography;
using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Nodes;

/// <summary>
/// A real guest: the tiny bootable image that <c>./test.sh</c> builds boots under
/// <c>qemu:///system</c> (TCG), reaches running, and its own console output reaches the API.
/// </summary>
public sealed class RealVmTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _node = new("qemu-node");

    public void Dispose() => _node.Dispose();

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TinyGuest_OnQemu_RunsAndConsoleShowsItsOwnOutput()
    {
        var imagePath = Environment.GetEnvironmentVariable("STANDARDSCLOUD_TINY_IMAGE");
        Assert.True(imagePath is not null && File.Exists(imagePath),
            "STANDARDSCLOUD_TINY_IMAGE must name the tiny guest image; ./test.sh builds it and sets it");

        // QEMU runs as its own user: it must be able to reach the node's disks and consoles.
        File.SetUnixFileMode(_node.Path, (UnixFileMode)0b111_101_101);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(await File.ReadAllBytesAsync(imagePath!)));
        var image = await cloud.RegisterImageAsync("tiny-guest", new Uri(imagePath!).AbsoluteUri, sha1);

        using var admin = cloud.AdminClient();
        await using var node = NodeProcess.Start(cloud, "qemu-host", _node.Path, uri: "qemu:///system");
        await NodeTests.WaitForHostsAsync(admin, "qemu-host", 1, seconds: 60);

        var id = (await admin.LaunchAsync(image, type: "t1.micro")).Single().GetProperty("id").GetString()!;
        try
        {
            await admin.WaitForStateAsync(id, "Running", seconds: 90);
            // The guest prints "up", then its kernel version, from its own /init.
            var console = await admin.WaitForConsoleAsync(id, "StandardsCloud tiny guest: kernel", seconds: 120);
            Assert.Contains("StandardsCloud tiny guest: up", console, StringComparison.Ordinal);
        }
        finally
        {
            (await admin.DeleteAsync($"/api/v1/instances/{id}")).EnsureSuccessStatusCode();
            await admin.WaitForStateAsync(id, "Done", seconds: 60);
        }

        Assert.False(node.HasExited, node.Output);
    }
}
