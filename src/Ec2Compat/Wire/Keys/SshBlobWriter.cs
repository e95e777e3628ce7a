using System.Buffers.Binary;
using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Keys;

/// <summary>Writes the SSH data types of RFC 4251 §5 (uint32, string, mpint) that key files are built from.</summary>
public sealed class SshBlobWriter
{
    private readonly MemoryStream _bytes = new();

    public SshBlobWriter UInt32(uint value)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(field, value);
        _bytes.Write(field);
        return this;
    }

    public SshBlobWriter String(ReadOnlySpan<byte> value)
    {
        UInt32((uint)value.Length);
        _bytes.Write(value);
        return this;
    }

    public SshBlobWriter String(string ascii) => String(Encoding.UTF8.GetBytes(ascii));

    /// <summary>A non-negative integer given big-endian without sign: leading zeros dropped, a zero byte added when the top bit is set.</summary>
    public SshBlobWriter MpInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var value = unsignedBigEndian.TrimStart((byte)0);
        if (value.Length > 0 && (value[0] & 0x80) != 0)
        {
            UInt32((uint)value.Length + 1);
            _bytes.WriteByte(0);
            _bytes.Write(value);
            return this;
        }

        return String(value);
    }

    public SshBlobWriter Raw(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public int Length => (int)_bytes.Length;

    public byte[] ToArray() => _bytes.ToArray();
}
