using System.IO.Pipelines;
using System.Security.Cryptography;
using StandardsCloud.Storage.Values;
using StandardsCloud.TestKit;

namespace StandardsCloud.Storage.Tests.Values;

[Collection(MemoryCollection.Name)]
public sealed class FileValueStoreTests : IDisposable
{
    private readonly TemporaryDirectory _root = new("values");
    private readonly FileValueStore _store;

    public FileValueStoreTests() => _store = new FileValueStore(_root.Path);

    public void Dispose() => _root.Dispose();

    private string[] TempFiles() => Directory.GetFiles(Path.Combine(_root.Path, "tmp"));

    [Fact]
    public async Task WriteAsync_WholeValue_CommitsWithHashAndSize()
    {
        var bytes = "hello, value"u8.ToArray();
        using var write = await _store.WriteAsync(PipeReader.Create(new MemoryStream(bytes)), 1024, hash: true, default);
        var version = _store.Commit(write.Value!);

        Assert.Equal(bytes.Length, write.Value!.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), write.Value.Hash);
        await using var read = _store.OpenRead(version);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task WriteAsync_SourceBreaksMidway_LeavesNoFileAndTheOldVersionWhole()
    {
        using var first = await _store.WriteAsync(PipeReader.Create(new MemoryStream("old value"u8.ToArray())), 1 << 20, hash: true, default);
        var old = _store.Commit(first.Value!);

        await Assert.ThrowsAsync<IOException>(() => _store.WriteAsync(PipeReader.Create(new PatternStream(10_000_000, failAfter: 3_000_000)), 1L << 30, hash: true, default));

        Assert.Empty(TempFiles());
        await using var read = _store.OpenRead(old);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal("old value"u8.ToArray(), copy.ToArray());
    }

    [Fact]
    public async Task WriteAsync_MoreThanTheLimit_IsTooLargeAndLeavesNothing()
    {
        using var write = await _store.WriteAsync(PipeReader.Create(new PatternStream(2048)), 1024, hash: true, default);

        Assert.Equal(ValueWriteFailure.TooLarge, write.Failure);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task WriteRangeAsync_OverAVersion_ChangesOnlyThoseBytes()
    {
        using var first = await _store.WriteAsync(PipeReader.Create(new MemoryStream("0123456789"u8.ToArray())), 1024, hash: true, default);
        var old = _store.Commit(first.Value!);

        using var patch = await _store.WriteRangeAsync(old, 3, PipeReader.Create(new MemoryStream("abc"u8.ToArray())), 3, 1024, hash: false, default);
        var version = _store.Commit(patch.Value!);

        Assert.Equal("012abc6789", await File.ReadAllTextAsync(PathOf(version)));
        Assert.Equal("0123456789", await File.ReadAllTextAsync(PathOf(old)));
    }

    [Fact]
    public async Task WriteRangeAsync_PastTheEnd_FillsTheGapWithZeros()
    {
        using var first = await _store.WriteAsync(PipeReader.Create(new MemoryStream("ab"u8.ToArray())), 1024, hash: true, default);
        var old = _store.Commit(first.Value!);

        using var patch = await _store.WriteRangeAsync(old, 4, PipeReader.Create(new MemoryStream("z"u8.ToArray())), 1, 1024, hash: false, default);

        Assert.Equal(5, patch.Value!.Size);
        Assert.Equal("ab\0\0z"u8.ToArray(), await File.ReadAllBytesAsync(PathOf(_store.Commit(patch.Value))));
    }

    [Fact]
    public async Task WriteRangeAsync_BodyShorterThanItsRange_IsRefused()
    {
        using var patch = await _store.WriteRangeAsync(null, 0, PipeReader.Create(new MemoryStream("ab"u8.ToArray())), 5, 1024, hash: false, default);

        Assert.Equal(ValueWriteFailure.LengthMismatch, patch.Failure);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Duplicate_Version_IsANewVersionWithTheSameBytes()
    {
        using var first = await _store.WriteAsync(PipeReader.Create(new MemoryStream("same bytes"u8.ToArray())), 1024, hash: true, default);
        var original = _store.Commit(first.Value!);

        var copy = _store.Duplicate(original);
        _store.Delete(original);

        Assert.NotEqual(original, copy);
        Assert.Equal("same bytes", await File.ReadAllTextAsync(PathOf(copy)));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task WriteAsync_LargeValue_AllocatesFarLessThanItsSize()
    {
        const long size = 256L * 1024 * 1024;
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using var write = await _store.WriteAsync(PipeReader.Create(new PatternStream(size)), size, hash: true, default);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(size, write.Value!.Size);
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes allocated writing {size}");
    }

    [Fact]
    public async Task WriteAsync_WithoutHashing_CommitsTheBytesWithNoHash()
    {
        var bytes = "not hashed"u8.ToArray();
        using var write = await _store.WriteAsync(PipeReader.Create(new MemoryStream(bytes)), 1024, hash: false, default);
        var version = _store.Commit(write.Value!);

        Assert.Equal("", write.Value!.Hash);
        Assert.Equal(bytes.Length, write.Value.Size);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(PathOf(version)));
    }

    [Fact]
    public async Task WriteRangeAsync_Hashing_HashesTheWholeNewValue()
    {
        using var first = await _store.WriteAsync(PipeReader.Create(new MemoryStream("0123456789"u8.ToArray())), 1024, hash: false, default);
        var old = _store.Commit(first.Value!);

        using var patch = await _store.WriteRangeAsync(old, 3, PipeReader.Create(new MemoryStream("abc"u8.ToArray())), 3, 1024, hash: true, default);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("012abc6789"u8)), patch.Value!.Hash);
    }

    [Fact]
    public async Task WriteRangeAsync_WithoutHashing_HasNoHash()
    {
        using var first = await _store.WriteAsync(PipeReader.Create(new MemoryStream("0123456789"u8.ToArray())), 1024, hash: true, default);
        var old = _store.Commit(first.Value!);

        using var patch = await _store.WriteRangeAsync(old, 8, PipeReader.Create(new MemoryStream("xyz"u8.ToArray())), 3, 1024, hash: false, default);

        Assert.Equal("", patch.Value!.Hash);
        Assert.Equal("01234567xyz", await File.ReadAllTextAsync(PathOf(_store.Commit(patch.Value))));
    }

    [Fact]
    public async Task HashOf_CommittedVersion_IsTheSha256OfItsBytes()
    {
        var bytes = new byte[3 * 1024 * 1024 + 7];
        RandomNumberGenerator.Fill(bytes);
        using var write = await _store.WriteAsync(PipeReader.Create(new MemoryStream(bytes)), bytes.Length, hash: false, default);
        var version = _store.Commit(write.Value!);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), _store.HashOf(version));
    }

    private string PathOf(string version) => Path.Combine(_root.Path, "values", version[..2], version);
}
