using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace StandardsCloud.Storage.Objects;

/// <summary>
/// A CDMI ObjectID (CDMI 1.1.1 §5.11): byte 0 reserved (0), bytes 1–3 the IANA enterprise number,
/// byte 4 reserved (0), byte 5 the total length, bytes 6–7 a CRC-16/ARC over the whole ID with
/// those two bytes zeroed (big-endian), then up to 32 bytes of opaque data. Written as upper-case hex.
/// </summary>
public readonly record struct ObjectId
{
    public const int MinLength = 8;
    public const int MaxLength = 40;

    private ObjectId(string text) => Text = text;

    /// <summary>The upper-case hexadecimal form used on the wire and as the document id.</summary>
    public string Text { get; }

    public override string ToString() => Text;

    /// <summary>A new ID with 16 random opaque bytes under <paramref name="enterpriseNumber"/>.</summary>
    public static ObjectId New(int enterpriseNumber) => FromData(enterpriseNumber, RandomNumberGenerator.GetBytes(16));

    /// <summary>An ID over the given opaque bytes (at most 32), with its length and CRC filled in.</summary>
    public static ObjectId FromData(int enterpriseNumber, ReadOnlySpan<byte> data)
    {
        if (enterpriseNumber is < 0 or > 0xFFFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(enterpriseNumber), "an enterprise number has 24 bits");
        }

        if (data.Length > MaxLength - MinLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), "at most 32 bytes of opaque data");
        }

        Span<byte> id = stackalloc byte[MinLength + data.Length];
        id[1] = (byte)(enterpriseNumber >> 16);
        id[2] = (byte)(enterpriseNumber >> 8);
        id[3] = (byte)enterpriseNumber;
        id[5] = (byte)id.Length;
        data.CopyTo(id[MinLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(id[6..], Crc16Arc.Compute(id));
        return new ObjectId(Convert.ToHexString(id));
    }

    /// <summary>Reads the hex form (either case); false unless reserved bytes, length and CRC all check.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ObjectId? id)
    {
        id = null;
        if (text is null || text.Length % 2 != 0 || text.Length < MinLength * 2 || text.Length > MaxLength * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[text.Length / 2];
        if (Convert.FromHexString(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            return false;
        }

        if (bytes[0] != 0 || bytes[4] != 0 || bytes[5] != bytes.Length)
        {
            return false;
        }

        var stored = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        bytes[6] = 0;
        bytes[7] = 0;
        if (Crc16Arc.Compute(bytes) != stored)
        {
            return false;
        }

        id = new ObjectId(text.ToUpperInvariant());
        return true;
    }

    /// <summary>The enterprise number in bytes 1–3.</summary>
    public int EnterpriseNumber => Convert.ToInt32(Text[2..8], 16);
}
