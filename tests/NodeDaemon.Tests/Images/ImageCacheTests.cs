using System.Security.Cryptography;
using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Images;

public sealed class ImageCacheTests
{
    [Fact]
    public async Task GetAsync_FileUrlWithGoodSha1_CachesVerifiedCopy()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var image = Desired.WriteImage(dir.File("source.raw"));
        var cache = new ImageCache(dir.File("images"), http);

        var cached = await cache.GetAsync(image, CancellationToken.None);

        Assert.True(cached.IsOk, cached.Error);
        Assert.Equal(File.ReadAllBytes(dir.File("source.raw")), File.ReadAllBytes(cached.Value));
        Assert.Equal(dir.File("images"), Path.GetDirectoryName(cached.Value));
        Assert.Single(Directory.GetFiles(dir.File("images")));
    }

    [Fact]
    public async Task GetAsync_Sha1Mismatch_FailsWithBothHashesAndKeepsNothing()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var good = Desired.WriteImage(dir.File("source.raw"), id: "img-x");
        var expected = new string('a', 40);
        var cache = new ImageCache(dir.File("images"), http);

        var cached = await cache.GetAsync(good with { Sha1 = expected }, CancellationToken.None);

        Assert.False(cached.IsOk);
        Assert.Equal($"image img-x: SHA-1 is {good.Sha1}, expected {expected}", cached.Error);
        Assert.Empty(Directory.GetFiles(dir.File("images")));
    }

    [Fact]
    public async Task GetAsync_UppercaseSha1_ComparesAsLowercase()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var image = Desired.WriteImage(dir.File("source.raw"));
        var cache = new ImageCache(dir.File("images"), http);

        var cached = await cache.GetAsync(image with { Sha1 = image.Sha1.ToUpperInvariant() }, CancellationToken.None);

        Assert.True(cached.IsOk, cached.Error);
    }

    [Fact]
    public async Task GetAsync_MissingFile_FailsNamingTheImage()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var cache = new ImageCache(dir.File("images"), http);
        var image = new ImageSource("img-gone", new Uri(dir.File("absent.raw")).AbsoluteUri, new string('b', 40));

        var cached = await cache.GetAsync(image, CancellationToken.None);

        Assert.False(cached.IsOk);
        Assert.StartsWith("image img-gone: ", cached.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ConcurrentHttpRequests_DownloadOnce()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var content = RandomNumberGenerator.GetBytes(100_000);
        await using var server = await ImageServer.StartAsync(content);
        var image = new ImageSource("img-http", server.Url.AbsoluteUri, Convert.ToHexStringLower(SHA1.HashData(content)));
        var cache = new ImageCache(dir.File("images"), http);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync(image, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsOk, r.Error));
        Assert.Single(results.Select(r => r.Value).Distinct());
        Assert.Equal(1, server.Downloads);
        Assert.Equal(content, File.ReadAllBytes(results[0].Value));
    }

    [Fact]
    public async Task GetAsync_AfterFailure_TriesAgain()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var path = dir.File("later.raw");
        var cache = new ImageCache(dir.File("images"), http);
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var image = new ImageSource("img-later", new Uri(path).AbsoluteUri, Convert.ToHexStringLower(SHA1.HashData(bytes)));
        Assert.False((await cache.GetAsync(image, CancellationToken.None)).IsOk);

        await File.WriteAllBytesAsync(path, bytes);
        var second = await cache.GetAsync(image, CancellationToken.None);

        Assert.True(second.IsOk, second.Error);
    }

    [Fact]
    public async Task GetAsync_SizeDiffersFromStated_FailsWithBothSizesAndKeepsNothing()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var image = Desired.WriteImage(dir.File("source.raw"), id: "img-size");
        var actual = new FileInfo(dir.File("source.raw")).Length;
        var cache = new ImageCache(dir.File("images"), http);

        var shorter = await cache.GetAsync(image with { Bytes = actual + 1 }, CancellationToken.None);
        var longer = await cache.GetAsync(image with { Bytes = actual - 1 }, CancellationToken.None);

        Assert.Equal($"image img-size: size is {actual} bytes, expected {actual + 1}", shorter.Error);
        Assert.Equal($"image img-size: size is more than {actual - 1} bytes, expected {actual - 1}", longer.Error);
        Assert.Empty(Directory.GetFiles(dir.File("images")));
    }

    [Fact]
    public async Task GetAsync_CachedFileRemoved_DownloadsAndVerifiesAgain()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var content = RandomNumberGenerator.GetBytes(50_000);
        await using var server = await ImageServer.StartAsync(content);
        var image = new ImageSource("img-removed", server.Url.AbsoluteUri, Convert.ToHexStringLower(SHA1.HashData(content)), content.Length);
        var cache = new ImageCache(dir.File("images"), http);
        var first = await cache.GetAsync(image, CancellationToken.None);
        File.Delete(first.Value);

        var second = await cache.GetAsync(image, CancellationToken.None);

        Assert.True(second.IsOk, second.Error);
        Assert.Equal(content, File.ReadAllBytes(second.Value));
        Assert.Equal(2, server.Downloads);
    }

    [Fact]
    public async Task GetAsync_StatedSizeMatches_Cached()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var content = RandomNumberGenerator.GetBytes(70_000);
        await using var server = await ImageServer.StartAsync(content);
        var image = new ImageSource("img-sized", server.Url.AbsoluteUri, Convert.ToHexStringLower(SHA1.HashData(content)), content.Length);
        var cache = new ImageCache(dir.File("images"), http);

        var cached = await cache.GetAsync(image, CancellationToken.None);

        Assert.True(cached.IsOk, cached.Error);
        Assert.Equal(content, File.ReadAllBytes(cached.Value));
    }
}
