using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
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
        var (image, _, _) = await RegisterTinyImageAsync("tiny-guest");

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

    /// <summary>
    /// The guest's disk saved by its host (its overlay flattened over the cached image) becomes an
    /// image with the same bytes as the one it came from, since the tiny guest writes nothing to
    /// its disk, and that image boots a guest of its own.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task TinyGuest_OnQemu_DiskSavedWhileRunning_BootsAsANewImage()
    {
        var (image, sha1, bytes) = await RegisterTinyImageAsync("tiny-saved-" + Guid.NewGuid().ToString("N")[..6]);

        using var admin = cloud.AdminClient();
        await using var node = NodeProcess.Start(cloud, "qemu-saver", _node.Path, uri: "qemu:///system");
        await NodeTests.WaitForHostsAsync(admin, "qemu-saver", 1, seconds: 60);

        var ids = new List<string>();
        try
        {
            var id = (await admin.LaunchAsync(image, type: "t1.micro")).Single().GetProperty("id").GetString()!;
            ids.Add(id);
            await admin.WaitForStateAsync(id, "Running", seconds: 90);
            var saved = await admin.PostAsJsonAsync($"/api/v1/instances/{id}/save", new { name = "tiny copy" });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, saved.StatusCode);
            var copyId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            var copy = await admin.WaitForImageAsync(copyId, "available", seconds: 60);
            Assert.Equal(sha1, copy.GetProperty("sha1").GetString());
            Assert.Equal(bytes, copy.GetProperty("bytes").GetInt64());

            var second = (await admin.LaunchAsync(copyId, type: "t1.micro")).Single().GetProperty("id").GetString()!;
            ids.Add(second);
            var console = await admin.WaitForConsoleAsync(second, "StandardsCloud tiny guest: kernel", seconds: 120);
            Assert.Contains("StandardsCloud tiny guest: up", console, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var id in ids)
            {
                (await admin.DeleteAsync($"/api/v1/instances/{id}")).EnsureSuccessStatusCode();
            }

            foreach (var id in ids)
            {
                await admin.WaitForStateAsync(id, "Done", seconds: 60);
            }
        }

        Assert.False(node.HasExited, node.Output);
    }

    /// <summary>Registers the tiny guest image that ./test.sh builds, readable by QEMU's own user; answers its id, SHA-1 and size.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private async Task<(string Id, string Sha1, long Bytes)> RegisterTinyImageAsync(string name)
    {
        var imagePath = Environment.GetEnvironmentVariable("STANDARDSCLOUD_TINY_IMAGE");
        Assert.True(imagePath is not null && File.Exists(imagePath),
            "STANDARDSCLOUD_TINY_IMAGE must name the tiny guest image; ./test.sh builds it and sets it");

        // QEMU runs as its own user: it must be able to reach the node's disks and consoles.
        File.SetUnixFileMode(_node.Path, (UnixFileMode)0b111_101_101);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(await File.ReadAllBytesAsync(imagePath)));
        return (await cloud.RegisterImageAsync(name, new Uri(imagePath).AbsoluteUri, sha1), sha1, new FileInfo(imagePath).Length);
    }
}
