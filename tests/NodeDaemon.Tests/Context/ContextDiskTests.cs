using StandardsCloud.NodeDaemon.Context;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Context;

/// <summary>The ISO is read back with isoinfo, as a guest's kernel would read it (Rock Ridge names).</summary>
public sealed class ContextDiskTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ContextSeed Seed(NodeProtocol.InstanceContext context) =>
        ContextFiles.Render("i-0123456789abcdef0", context).Value;

    [Fact]
    public async Task EnsureAsync_NewSeed_BuildsCidataIsoHoldingEachFileExactly()
    {
        var iso = Path.Combine(_dir.Path, "context", "sc-i-1.iso");
        var seed = Seed(Contexts.Full(Convert.ToBase64String("#!/bin/sh\necho \"hi\"\n"u8.ToArray())));

        var built = await ContextDisk.EnsureAsync(iso, seed, CancellationToken.None);

        Assert.True(built.IsOk, built.Error);
        var description = await Tool.OutputAsync("isoinfo", "-d", "-i", iso);
        Assert.Contains("Volume id: cidata", description, StringComparison.Ordinal);
        var listing = (await Tool.OutputAsync("isoinfo", "-R", "-f", "-i", iso)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["/context.sh", "/meta-data", "/network-config", "/user-data"], listing.Order(StringComparer.Ordinal));
        foreach (var file in seed.Files)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetString(file.Content),
                await Tool.OutputAsync("isoinfo", "-R", "-x", "/" + file.Name, "-i", iso));
        }

        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(iso)!, ".*"));
    }

    [Fact]
    public async Task EnsureAsync_SameSeedAgain_LeavesTheDiskAlone_ChangedSeed_Rebuilds()
    {
        var iso = _dir.File("sc-i-2.iso");
        Assert.True((await ContextDisk.EnsureAsync(iso, Seed(Contexts.Full()), CancellationToken.None)).IsOk);
        await File.AppendAllTextAsync(iso, "marker that a rebuild would drop");
        var before = new FileInfo(iso).Length;

        Assert.True((await ContextDisk.EnsureAsync(iso, Seed(Contexts.Full()), CancellationToken.None)).IsOk);
        Assert.Equal(before, new FileInfo(iso).Length);

        var changed = Seed(Contexts.Full() with { Hostname = "renamed" });
        Assert.True((await ContextDisk.EnsureAsync(iso, changed, CancellationToken.None)).IsOk);
        Assert.NotEqual(before, new FileInfo(iso).Length);
        Assert.Contains("renamed", await Tool.OutputAsync("isoinfo", "-R", "-x", "/context.sh", "-i", iso), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_BuiltDisk_LeavesNothingBehind()
    {
        var iso = _dir.File("sc-i-3.iso");
        Assert.True((await ContextDisk.EnsureAsync(iso, Seed(Contexts.Bare()), CancellationToken.None)).IsOk);

        ContextDisk.Remove(iso);
        ContextDisk.Remove(iso);

        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }
}
