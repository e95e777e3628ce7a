using System.Security.Cryptography;
using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Images;

public sealed class DiskSaverTests
{
    [Fact]
    public async Task SaveAsync_Overlay_WritesTheWholeChainAsRaw_WithWhatTheGuestWrote()
    {
        using var dir = new TempDir();
        var base64K = Enumerable.Range(0, 65536).Select(i => (byte)(i % 251)).ToArray();
        await File.WriteAllBytesAsync(dir.File("base.raw"), base64K);
        Assert.True((await OverlayDisk.CreateAsync(dir.File("base.raw"), dir.File("sc-a.qcow2"), CancellationToken.None)).IsOk);
        // A guest's write, which lands in the overlay only.
        Assert.True((await ExternalTool.RunAsync("qemu-io", ["-f", "qcow2", "-c", "write -P 0xab 4096 4096", dir.File("sc-a.qcow2")], null, null, CancellationToken.None)).IsOk);

        var saved = await DiskSaver.SaveAsync(dir.File("sc-a.qcow2"), "qcow2", new DiskSave("ami-1", dir.File("images/ami-1.img"), false), CancellationToken.None);

        var expected = base64K.ToArray();
        Array.Fill(expected, (byte)0xab, 4096, 4096);
        Assert.Null(saved.Error);
        Assert.Equal(expected, await File.ReadAllBytesAsync(dir.File("images/ami-1.img")));
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(expected)), saved.Sha1);
        Assert.Equal(expected.Length, saved.Bytes);
        Assert.Equal("ami-1", saved.ImageId);
        Assert.False(File.Exists(dir.File("images/ami-1.img.part")));
    }

    [Fact]
    public async Task SaveAsync_FileAlreadyInPlace_IsOnlyHashed()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("images"));
        var whole = new byte[] { 1, 2, 3, 4, 5 };
        await File.WriteAllBytesAsync(dir.File("images/ami-2.img"), whole);

        // The source is gone: a save finished before a restart is answered from the file alone.
        var saved = await DiskSaver.SaveAsync(dir.File("gone.qcow2"), "qcow2", new DiskSave("ami-2", dir.File("images/ami-2.img"), false), CancellationToken.None);

        Assert.Null(saved.Error);
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(whole)), saved.Sha1);
        Assert.Equal(5, saved.Bytes);
    }

    [Fact]
    public async Task SaveAsync_MissingSource_FailsNamingQemuImg_LeavesNoFile()
    {
        using var dir = new TempDir();

        var saved = await DiskSaver.SaveAsync(dir.File("absent.qcow2"), "qcow2", new DiskSave("ami-3", dir.File("images/ami-3.img"), false), CancellationToken.None);

        Assert.Null(saved.Sha1);
        Assert.Contains("qemu-img convert", saved.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.File("images")));
    }

    [Theory]
    [InlineData("relative/ami-4.img")]
    [InlineData("/tmp/ami-4.qcow2")]
    [InlineData("/tmp/x/../ami-4.img")]
    public async Task SaveAsync_PathNotAnAbsoluteImgFile_Refused(string path)
    {
        var saved = await DiskSaver.SaveAsync("/nonexistent.qcow2", "qcow2", new DiskSave("ami-4", path, false), CancellationToken.None);

        Assert.Null(saved.Sha1);
        Assert.Contains("not an absolute path", saved.Error, StringComparison.Ordinal);
    }
}
