using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Images;

public sealed class OverlayDiskTests
{
    [Fact]
    public async Task CreateAsync_RawBacking_WritesQcow2Overlay()
    {
        using var dir = new TempDir();
        await File.WriteAllBytesAsync(dir.File("base.raw"), new byte[1 << 20]);

        var created = await OverlayDisk.CreateAsync(dir.File("base.raw"), dir.File("disks/sc-a.qcow2"), CancellationToken.None);

        Assert.True(created.IsOk, created.Error);
        var header = new byte[4];
        await using (var overlay = File.OpenRead(dir.File("disks/sc-a.qcow2")))
        {
            await overlay.ReadExactlyAsync(header);
        }

        Assert.Equal(new byte[] { 0x51, 0x46, 0x49, 0xFB }, header);
    }

    [Fact]
    public async Task CreateAsync_MissingBacking_FailsWithQemuImgMessage()
    {
        using var dir = new TempDir();

        var created = await OverlayDisk.CreateAsync(dir.File("absent.raw"), dir.File("sc-b.qcow2"), CancellationToken.None);

        Assert.False(created.IsOk);
        Assert.Contains("qemu-img", created.Error, StringComparison.Ordinal);
    }
}
