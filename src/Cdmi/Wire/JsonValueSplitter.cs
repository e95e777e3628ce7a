using System.Buffers;
using System.Text;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>What <see cref="JsonValueSplitter"/> found.</summary>
/// <param name="Skeleton">The body with the top-level value string emptied; null on error.</param>
/// <param name="HadValue">True when a top-level <c>value</c> string was streamed out.</param>
/// <param name="ValueBytes">How many unescaped bytes went to the sink.</param>
/// <param name="Error">Why the body was refused, or null.</param>
/// <param name="TooLarge">True when the refusal is for size.</param>
public sealed record SplitBody(byte[]? Skeleton, bool HadValue, long ValueBytes, string? Error, bool TooLarge = false);

/// <summary>
/// Splits a CDMI JSON body as it arrives: the characters of the top-level <c>value</c> string are
/// unescaped straight into a sink (a file), and the rest of the document, with <c>""</c> where
/// the value was, is kept as a small skeleton for the strict reader. A value of any size thus
/// crosses memory in bounded pieces (CDMI 1.1.1 §8.2.5).
/// </summary>
public sealed class JsonValueSplitter
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly byte[] ValueKey = "value"u8.ToArray();

    private readonly Stream _sink;
    private readonly long _maxSkeleton;
    private readonly long _maxValue;
    private readonly MemoryStream _skeleton = new();
    private readonly byte[] _out = new byte[ChunkBytes];
    private int _outLength;

    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _expectingKey;
    private bool _capturingKey;
    private readonly List<byte> _key = new(8);
    private bool _lastKeyWasValue;
    private bool _valuePending;
    private bool _inValue;
    private bool _hadValue;
    private long _valueBytes;

    // \uXXXX decoding inside the value.
    private int _hexLeft = -1;
    private int _hex;
    private int _highSurrogate = -1;

    private JsonValueSplitter(Stream sink, long maxSkeleton, long maxValue)
    {
        _sink = sink;
        _maxSkeleton = maxSkeleton;
        _maxValue = maxValue;
    }

    /// <summary>Reads all of <paramref name="body"/>; the value's bytes go to <paramref name="sink"/>.</summary>
    public static async Task<SplitBody> SplitAsync(Stream body, Stream sink, long maxSkeleton, long maxValue, CancellationToken ct)
    {
        var splitter = new JsonValueSplitter(sink, maxSkeleton, maxValue);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ChunkBytes), ct)) > 0)
            {
                var error = splitter.Feed(buffer.AsSpan(0, read));
                if (error is not null)
                {
                    return error;
                }

                await splitter.FlushAsync(ct);
            }

            if (splitter._inValue || splitter._hexLeft >= 0 || splitter._highSurrogate >= 0)
            {
                return new SplitBody(null, false, 0, "the body is not valid JSON: the value string is not closed");
            }

            await splitter.FlushAsync(ct);
            return new SplitBody(splitter._skeleton.ToArray(), splitter._hadValue, splitter._valueBytes, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SplitBody? Feed(ReadOnlySpan<byte> input)
    {
        var i = 0;
        while (i < input.Length)
        {
            if (_inValue)
            {
                // Runs of plain characters go out in one copy.
                var run = _escape || _hexLeft >= 0 ? 0 : input[i..].IndexOfAny((byte)'"', (byte)'\\');
                if (run < 0)
                {
                    run = input.Length - i;
                }

                if (run > 0)
                {
                    if (_highSurrogate >= 0)
                    {
                        return Fail("a lone UTF-16 surrogate in the value");
                    }

                    if (Emit(input.Slice(i, run)) is { } tooBig)
                    {
                        return tooBig;
                    }

                    i += run;
                    continue;
                }

                if (ValueByte(input[i]) is { } bad)
                {
                    return bad;
                }

                i++;
                continue;
            }

            var b = input[i++];
            if (_skeleton.Length >= _maxSkeleton)
            {
                return new SplitBody(null, false, 0, $"a CDMI body may have at most {_maxSkeleton} bytes beside its value", TooLarge: true);
            }

            _skeleton.WriteByte(b);
            if (_inString)
            {
                if (_escape)
                {
                    _escape = false;
                }
                else if (b == (byte)'\\')
                {
                    _escape = true;
                }
                else if (b == (byte)'"')
                {
                    _inString = false;
                    if (_capturingKey)
                    {
                        _capturingKey = false;
                        _lastKeyWasValue = _key.Count == ValueKey.Length && _key.SequenceEqual(ValueKey);
                    }
                }

                if (_capturingKey && _inString && _key.Count <= ValueKey.Length && b != (byte)'"')
                {
                    _key.Add(b);
                }

                continue;
            }

            switch (b)
            {
                case (byte)'{':
                    _depth++;
                    _expectingKey = _depth == 1;
                    break;
                case (byte)'[':
                    _depth++;
                    break;
                case (byte)'}' or (byte)']':
                    _depth--;
                    break;
                case (byte)',' when _depth == 1:
                    _expectingKey = true;
                    _valuePending = false;
                    break;
                case (byte)':' when _depth == 1:
                    _valuePending = _lastKeyWasValue;
                    _lastKeyWasValue = false;
                    break;
                case (byte)'"' when _depth == 1 && _expectingKey:
                    _inString = true;
                    _capturingKey = true;
                    _expectingKey = false;
                    _key.Clear();
                    break;
                case (byte)'"' when _depth == 1 && _valuePending:
                    _inValue = true;
                    _hadValue = true;
                    _valuePending = false;
                    break;
                case (byte)'"':
                    _inString = true;
                    break;
            }
        }

        return null;
    }

    private SplitBody? ValueByte(byte b)
    {
        if (_hexLeft >= 0)
        {
            var digit = HexValue(b);
            if (digit < 0)
            {
                return Fail("a bad \\u escape in the value");
            }

            _hex = (_hex << 4) | digit;
            if (--_hexLeft > 0)
            {
                return null;
            }

            _hexLeft = -1;
            return CodeUnit(_hex);
        }

        if (_escape)
        {
            _escape = false;
            byte? plain = b switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'/' => (byte)'/',
                (byte)'b' => 8,
                (byte)'f' => 12,
                (byte)'n' => 10,
                (byte)'r' => 13,
                (byte)'t' => 9,
                _ => null,
            };
            if (b == (byte)'u')
            {
                _hexLeft = 4;
                _hex = 0;
                return null;
            }

            if (plain is null)
            {
                return Fail("a bad escape in the value");
            }

            return _highSurrogate >= 0 ? Fail("a lone UTF-16 surrogate in the value") : Emit([plain.Value]);
        }

        if (b == (byte)'\\')
        {
            _escape = true;
            return null;
        }

        // The closing quote.
        if (_highSurrogate >= 0)
        {
            return Fail("a lone UTF-16 surrogate in the value");
        }

        // The opening quote is already in the skeleton: the value reads as "".
        _inValue = false;
        _skeleton.WriteByte((byte)'"');
        return null;
    }

    private SplitBody? CodeUnit(int unit)
    {
        if (unit is >= 0xD800 and <= 0xDBFF)
        {
            if (_highSurrogate >= 0)
            {
                return Fail("a lone UTF-16 surrogate in the value");
            }

            _highSurrogate = unit;
            return null;
        }

        int scalar;
        if (unit is >= 0xDC00 and <= 0xDFFF)
        {
            if (_highSurrogate < 0)
            {
                return Fail("a lone UTF-16 surrogate in the value");
            }

            scalar = 0x10000 + ((_highSurrogate - 0xD800) << 10) + (unit - 0xDC00);
            _highSurrogate = -1;
        }
        else
        {
            if (_highSurrogate >= 0)
            {
                return Fail("a lone UTF-16 surrogate in the value");
            }

            scalar = unit;
        }

        Span<byte> utf8 = stackalloc byte[4];
        var length = new Rune(scalar).EncodeToUtf8(utf8);
        return Emit(utf8[..length]);
    }

    private SplitBody? Emit(ReadOnlySpan<byte> bytes)
    {
        _valueBytes += bytes.Length;
        if (_valueBytes > _maxValue)
        {
            return new SplitBody(null, false, 0, $"the value may have at most {_maxValue} characters", TooLarge: true);
        }

        while (bytes.Length > 0)
        {
            var room = Math.Min(bytes.Length, _out.Length - _outLength);
            bytes[..room].CopyTo(_out.AsSpan(_outLength));
            _outLength += room;
            bytes = bytes[room..];
            if (_outLength == _out.Length)
            {
                _sink.Write(_out, 0, _outLength);
                _outLength = 0;
            }
        }

        return null;
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_outLength > 0)
        {
            await _sink.WriteAsync(_out.AsMemory(0, _outLength), ct);
            _outLength = 0;
        }
    }

    private static SplitBody Fail(string message) => new(null, false, 0, "the body is not valid JSON: " + message);

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
