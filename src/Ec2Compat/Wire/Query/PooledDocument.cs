using System.Buffers;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// A response document held in pooled chunks while it is written and sent: a listing of a thousand
/// instances is over a megabyte, which as one growing array would cost several large-object
/// allocations (and the full collections they bring) on every call. The chunks go back to the pool
/// when the document is disposed; a document never disposed is simply collected.
/// </summary>
public sealed class PooledDocument : Stream
{
    // Below the large-object threshold (85,000 bytes), and the size ArrayPool keeps per core.
    private const int ChunkBytes = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _usedInLast = ChunkBytes;
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_usedInLast == ChunkBytes)
            {
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
                _usedInLast = 0;
            }

            var take = Math.Min(buffer.Length, ChunkBytes - _usedInLast);
            buffer[..take].CopyTo(_chunks[^1].AsSpan(_usedInLast));
            _usedInLast += take;
            _length += take;
            buffer = buffer[take..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    /// <summary>Sends the whole document to <paramref name="destination"/>, chunk by chunk.</summary>
    public async Task SendAsync(Stream destination, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            var used = i == _chunks.Count - 1 ? _usedInLast : ChunkBytes;
            await destination.WriteAsync(_chunks[i].AsMemory(0, used), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The document as one array (for tests and small callers).</summary>
    public byte[] ToArray()
    {
        var whole = new byte[_length];
        var at = 0;
        for (var i = 0; i < _chunks.Count; i++)
        {
            var used = i == _chunks.Count - 1 ? _usedInLast : ChunkBytes;
            _chunks[i].AsSpan(0, used).CopyTo(whole.AsSpan(at));
            at += used;
        }

        return whole;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var chunk in _chunks)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            _chunks.Clear();
            _usedInLast = ChunkBytes;
            _length = 0;
        }

        base.Dispose(disposing);
    }
}
