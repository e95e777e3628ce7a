using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace StandardsCloud.Storage.Values;

/// <summary>
/// Values as files under a directory. Every write goes to a temporary file, is flushed to disk,
/// then renamed into place under a new version name, so a reader sees an old version or a new
/// one, never a part of one; a version, once committed, is never changed. Bytes go from the
/// source's own buffers to the file, so memory stays flat whatever the size.
/// </summary>
public sealed class FileValueStore
{
    private const int BufferBytes = 1024 * 1024;

    private readonly string _temp;
    private readonly string _values;

    public FileValueStore(string root)
    {
        _temp = Path.Combine(root, "tmp");
        _values = Path.Combine(root, "values");
        Directory.CreateDirectory(_temp);
        Directory.CreateDirectory(_values);
    }

    /// <summary>Writes all of <paramref name="source"/> as a new pending value, SHA-256-hashed as it streams when <paramref name="hash"/> says so.</summary>
    public Task<ValueWrite> WriteAsync(PipeReader source, long maxBytes, bool hash, CancellationToken ct) =>
        WriteRangeAsync(null, 0, source, null, maxBytes, hash, ct);

    /// <summary>
    /// A new pending value: the bytes of <paramref name="baseVersion"/> (if any) with
    /// <paramref name="source"/> written over them from <paramref name="offset"/>. When
    /// <paramref name="length"/> is given the source must hold exactly that many bytes. With
    /// <paramref name="hash"/> the pending value carries the SHA-256 of all its bytes; without, no
    /// hash (empty) and no byte is read back. The caller owns <paramref name="source"/> and completes it.
    /// </summary>
    public async Task<ValueWrite> WriteRangeAsync(string? baseVersion, long offset, PipeReader source, long? length, long maxBytes, bool hash, CancellationToken ct)
    {
        var tempPath = Path.Combine(_temp, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var done = false;
        try
        {
            if (baseVersion is not null)
            {
                try
                {
                    // The old bytes, copied by the kernel (a reflink where the filesystem has them).
                    File.Copy(PathOf(baseVersion), tempPath);
                }
                catch (FileNotFoundException)
                {
                    return ValueWrite.Fail(ValueWriteFailure.BaseGone);
                }
            }

            using var target = File.OpenHandle(tempPath, baseVersion is null ? FileMode.CreateNew : FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            if (offset > RandomAccess.GetLength(target))
            {
                // CDMI 1.1.1 §8.4.4: a write past the end leaves the gap filled with zeros.
                RandomAccess.SetLength(target, offset);
            }

            // A whole new value is hashed as it streams; a patched one is read again once written.
            using var streaming = hash && baseVersion is null && offset == 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
            var limit = length ?? maxBytes - offset + 1;
            var (written, overflowed) = await DrainAsync(source, target, offset, limit, streaming, ct);
            if (length is { } exact && (written != exact || overflowed))
            {
                return ValueWrite.Fail(ValueWriteFailure.LengthMismatch);
            }

            var size = RandomAccess.GetLength(target);
            if (size > maxBytes)
            {
                return ValueWrite.Fail(ValueWriteFailure.TooLarge);
            }

            RandomAccess.FlushToDisk(target);
            var digest = !hash ? "" : Convert.ToHexStringLower(streaming is not null ? streaming.GetHashAndReset() : HashOf(target, size));
            done = true;
            return ValueWrite.Of(new PendingValue(tempPath, size, digest));
        }
        finally
        {
            if (!done)
            {
                File.Delete(tempPath);
            }
        }
    }

    /// <summary>A scratch file beside the pending values, removed when closed.</summary>
    public FileStream CreateScratch() =>
        new(Path.Combine(_temp, "scratch-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Makes a pending value a version; returns its name.</summary>
    public string Commit(PendingValue value)
    {
        var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var target = PathOf(version);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        File.Move(value.TempPath, target);
        value.Committed = true;
        DirectorySync.Flush(directory);
        return version;
    }

    /// <summary>A new committed version holding the same bytes as <paramref name="version"/>, copied by the kernel.</summary>
    public string Duplicate(string version)
    {
        var tempPath = Path.Combine(_temp, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var pending = new PendingValue(tempPath, 0, "");
        using (pending)
        {
            File.Copy(PathOf(version), tempPath);
            using (var copy = File.OpenHandle(tempPath, FileMode.Open, FileAccess.ReadWrite))
            {
                RandomAccess.FlushToDisk(copy);
            }

            return Commit(pending);
        }
    }

    /// <summary>SHA-256 of a committed version's bytes, lower-case hex (a version never changes once committed).</summary>
    public string HashOf(string version)
    {
        using var file = File.OpenHandle(PathOf(version), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(HashOf(file, RandomAccess.GetLength(file)));
    }

    public FileStream OpenRead(string version) =>
        new(PathOf(version), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Removes a version no record names any more; a reader that has it open keeps reading.</summary>
    public void Delete(string? version)
    {
        if (version is not null)
        {
            File.Delete(PathOf(version));
        }
    }

    public bool Exists(string version) => File.Exists(PathOf(version));

    private string PathOf(string version)
    {
        if (version.Length != 32 || !version.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("not a value version", nameof(version));
        }

        return Path.Combine(_values, version[..2], version);
    }

    /// <summary>
    /// Writes what <paramref name="source"/> holds, up to <paramref name="limit"/> bytes, straight
    /// from its buffers into the file (one gathered write per read, no copy in between). Overflowed
    /// says the source held more than the limit.
    /// </summary>
    private static async Task<(long Written, bool Overflowed)> DrainAsync(PipeReader source, SafeFileHandle target, long offset, long limit,
        IncrementalHash? hash, CancellationToken ct)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        var behind = new WriteBehind(target, offset);
        long written = 0;
        while (true)
        {
            var read = await source.ReadAsync(ct);
            var taken = read.Buffer.Slice(0, Math.Min(read.Buffer.Length, limit - written));
            if (!taken.IsEmpty)
            {
                pieces.Clear();
                foreach (var piece in taken)
                {
                    pieces.Add(piece);
                }

                // The bytes are hashed on another thread while this one writes them: both only read the buffers.
                var hashing = hash is null ? Task.CompletedTask : Task.Run(() => Append(hash, pieces));

                // Plain synchronous writes: on Linux an "asynchronous" file write is a thread-pool hop per chunk.
                RandomAccess.Write(target, pieces, offset + written);
                await hashing;
                written += taken.Length;
            }

            var overflowed = taken.Length < read.Buffer.Length;
            source.AdvanceTo(taken.End);
            if (overflowed || read.IsCompleted)
            {
                await behind.SettledAsync();
                return (written, overflowed);
            }

            behind.Written(written);
        }
    }

    private static void Append(IncrementalHash hash, List<ReadOnlyMemory<byte>> pieces)
    {
        foreach (var piece in pieces)
        {
            hash.AppendData(piece.Span);
        }
    }

    private static byte[] HashOf(SafeFileHandle file, long size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            for (long at = 0; at < size;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - at)), at);
                if (read == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, read);
                at += read;
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
