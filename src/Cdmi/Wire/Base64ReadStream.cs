using System.Buffers;
using System.Buffers.Text;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// Decodes base64 text (RFC 4648, whitespace ignored) as it is read, strictly: a character outside
/// the alphabet, padding before the end, or a last group of fewer than four characters throws
/// <see cref="FormatException"/> (CDMI 1.1.1 §8.2.5, §8.4.4: a value that is not valid base64 is 400).
/// The text stream stays the caller's.
/// </summary>
public sealed class Base64ReadStream(Stream text) : Stream
{
    private const int TextChunk = 64 * 1024;
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    // Characters read but not yet decoded: never a whole number of groups until the end, since only
    // the last group may carry padding.
    private readonly byte[] _pending = new byte[TextChunk + 4];
    private int _pendingLength;
    private readonly byte[] _decoded = new byte[TextChunk / 4 * 3 + 3];
    private int _decodedStart;
    private int _decodedLength;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_decodedLength == 0 && !_ended)
        {
            Fill(text.Read(_pending.AsSpan(_pendingLength, TextChunk - _pendingLength)));
        }

        return Take(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_decodedLength == 0 && !_ended)
        {
            Fill(await text.ReadAsync(_pending.AsMemory(_pendingLength, TextChunk - _pendingLength), cancellationToken));
        }

        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Take(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _decodedLength);
        _decoded.AsSpan(_decodedStart, n).CopyTo(buffer);
        _decodedStart += n;
        _decodedLength -= n;
        return n;
    }

    private void Fill(int read)
    {
        _ended = read == 0;
        _pendingLength += DropWhitespace(_pending.AsSpan(_pendingLength, read));
        var groups = _ended ? _pendingLength : (_pendingLength - 1) / 4 * 4;
        if (groups <= 0 && !_ended)
        {
            return;
        }

        var status = Base64.DecodeFromUtf8(_pending.AsSpan(0, groups), _decoded, out var consumed, out var written, isFinalBlock: _ended);
        if (status != OperationStatus.Done || consumed != groups)
        {
            throw new FormatException("not valid base64");
        }

        _pending.AsSpan(consumed, _pendingLength - consumed).CopyTo(_pending);
        _pendingLength -= consumed;
        _decodedStart = 0;
        _decodedLength = written;
    }

    /// <summary>Moves the non-whitespace bytes of <paramref name="arrived"/> to its front, a run at a time; returns how many there are.</summary>
    private static int DropWhitespace(Span<byte> arrived)
    {
        var first = arrived.IndexOfAny(Whitespace);
        if (first < 0)
        {
            return arrived.Length;
        }

        var kept = first;
        var rest = arrived[first..];
        while (!rest.IsEmpty)
        {
            var start = rest.IndexOfAnyExcept(Whitespace);
            if (start < 0)
            {
                break;
            }

            rest = rest[start..];
            var end = rest.IndexOfAny(Whitespace);
            var run = end < 0 ? rest : rest[..end];
            run.CopyTo(arrived[kept..]);
            kept += run.Length;
            rest = end < 0 ? [] : rest[end..];
        }

        return kept;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
