using System.Buffers;
using System.Security.Cryptography;

namespace StandardsCloud.Storage.Values;

/// <summary>
/// Values as files under a directory. Every write goes to a temporary file, is flushed to disk,
/// then renamed into place under a new version name, so a reader sees an old version or a new
/// one, never a part of one; a version, once committed, is never changed. Bytes stream through a
/// pooled buffer, so memory stays flat whatever the size.
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

    /// <summary>Writes all of <paramref name="source"/> as a new pending value.</summary>
    public Task<ValueWrite> WriteAsync(Stream source, long maxBytes, CancellationToken ct) =>
        WriteRangeAsync(null, 0, source, null, maxBytes, ct);

    /// <summary>
    /// A new pending value: the bytes of <paramref name="baseVersion"/> (if any) with
    /// <paramref name="source"/> written over them from <paramref name="offset"/>. When
    /// <paramref name="length"/> is given the source must hold exactly that many bytes.
    /// </summary>
    public async Task<ValueWrite> WriteRangeAsync(string? baseVersion, long offset, Stream source, long? length, long maxBytes, CancellationToken ct)
    {
        var tempPath = Path.Combine(_temp, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var done = false;
        try
        {
            // Plain synchronous writes: on Linux an "asynchronous" file write is a thread-pool hop per chunk.
            await using (var target = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.None))
            {
                // A whole new value is hashed as it streams; a patched one is read again once written.
                using var hash = baseVersion is null && offset == 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
                if (baseVersion is not null)
                {
                    await using var old = OpenRead(baseVersion);
                    await CopyAsync(old, target, buffer, long.MaxValue, null, ct);
                }

                if (offset > target.Length)
                {
                    // CDMI 1.1.1 §8.6: a write past the end leaves the gap filled with zeros.
                    target.SetLength(offset);
                }

                target.Position = offset;
                var limit = length ?? maxBytes - offset + 1;
                var written = await CopyAsync(source, target, buffer, limit, hash, ct);
                if (length is { } exact && (written != exact || await source.ReadAsync(buffer.AsMemory(0, 1), ct) != 0))
                {
                    return ValueWrite.Fail(ValueWriteFailure.LengthMismatch);
                }

                if (target.Length > maxBytes)
                {
                    return ValueWrite.Fail(ValueWriteFailure.TooLarge);
                }

                target.Flush(flushToDisk: true);
                string digest;
                if (hash is not null)
                {
                    digest = Convert.ToHexStringLower(hash.GetHashAndReset());
                }
                else
                {
                    target.Position = 0;
                    digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(target, ct));
                }

                done = true;
                return ValueWrite.Of(new PendingValue(tempPath, target.Length, digest));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

    /// <summary>An empty committed version (a data object created with no value).</summary>
    public async Task<(string Version, string Hash)> CommitEmptyAsync(CancellationToken ct)
    {
        var write = await WriteAsync(Stream.Null, 0, ct);
        using var pending = write.Value!;
        return (Commit(pending), pending.Hash);
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

    private static async Task<long> CopyAsync(Stream from, Stream to, byte[] buffer, long limit, IncrementalHash? hash, CancellationToken ct)
    {
        long total = 0;
        while (total < limit)
        {
            var want = (int)Math.Min(buffer.Length, limit - total);
            var read = await from.ReadAsync(buffer.AsMemory(0, want), ct);
            if (read == 0)
            {
                break;
            }

            to.Write(buffer, 0, read);
            hash?.AppendData(buffer, 0, read);
            total += read;
        }

        return total;
    }
}
