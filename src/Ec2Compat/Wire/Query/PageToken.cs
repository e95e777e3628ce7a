using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// The opaque <c>NextToken</c> of paged Describe calls (AWS EC2 API reference, "Pagination").
/// A token carries a position — an offset or the last id returned — and an HMAC-SHA256 over
/// it, so a client can hand it back but cannot forge or alter one. The MAC also covers a
/// scope the caller chooses (say the action and its filters), so a token from one listing is
/// refused by another.
/// </summary>
/// <remarks>
/// Layout before base64url: format version (1 byte), position length (2 bytes, big-endian),
/// position (UTF-8), first 16 bytes of HMAC-SHA256(key, scope length ‖ scope ‖ those bytes).
/// </remarks>
public static class PageToken
{
    private const byte FormatVersion = 1;
    private const int MacLength = 16;
    private const int HeaderLength = 3;
    private const int MinKeyLength = 16;

    /// <summary>Longest position accepted, in UTF-8 bytes; resource ids and offsets are far shorter.</summary>
    public const int MaxPositionBytes = 512;

    // Room for the largest valid token in base64url; anything longer is refused unread.
    private const int MaxTokenChars = (HeaderLength + MaxPositionBytes + MacLength + 2) / 3 * 4;

    public static string Encode(ReadOnlySpan<byte> key, string scope, string position)
    {
        CheckKey(key);
        var positionLength = Encoding.UTF8.GetByteCount(position);
        if (positionLength > MaxPositionBytes)
            throw new ArgumentException($"A page position is limited to {MaxPositionBytes} UTF-8 bytes.", nameof(position));

        var token = new byte[HeaderLength + positionLength + MacLength];
        token[0] = FormatVersion;
        BinaryPrimitives.WriteUInt16BigEndian(token.AsSpan(1), (ushort)positionLength);
        Encoding.UTF8.GetBytes(position, token.AsSpan(HeaderLength));
        var body = token.AsSpan(0, HeaderLength + positionLength);
        Mac(key, scope, body).CopyTo(token.AsSpan(body.Length));
        return Base64Url.EncodeToString(token);
    }

    public static string Encode(ReadOnlySpan<byte> key, string scope, long offset) =>
        Encode(key, scope, offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The position inside a token, or false with a message suitable for an
    /// <c>InvalidPaginationToken</c> error. Never throws on client input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> key, string scope, string? token, out string position, out string error)
    {
        CheckKey(key);
        position = "";
        error = "The pagination token is invalid or was issued for a different request.";
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenChars)
            return false;

        Span<byte> bytes = stackalloc byte[Base64Url.GetMaxDecodedLength(token.Length)];
        // The OperationStatus form reports bad input as a value; TryDecodeFromChars throws on it.
        if (Base64Url.DecodeFromChars(token, bytes, out _, out var length) != OperationStatus.Done)
            return false;
        bytes = bytes[..length];

        if (bytes.Length < HeaderLength + MacLength || bytes[0] != FormatVersion)
            return false;
        var positionLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[1..]);
        if (bytes.Length != HeaderLength + positionLength + MacLength)
            return false;

        var body = bytes[..(HeaderLength + positionLength)];
        if (!CryptographicOperations.FixedTimeEquals(Mac(key, scope, body), bytes[body.Length..]))
            return false;

        var text = body[HeaderLength..];
        if (!Utf8.IsValid(text))
            return false;

        position = Encoding.UTF8.GetString(text);
        error = "";
        return true;
    }

    public static bool TryDecodeOffset(ReadOnlySpan<byte> key, string scope, string? token, out long offset, out string error)
    {
        offset = 0;
        if (!TryDecode(key, scope, token, out var position, out error))
            return false;
        if (long.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset))
            return true;

        error = "The pagination token is invalid or was issued for a different request.";
        return false;
    }

    private static byte[] Mac(ReadOnlySpan<byte> key, string scope, ReadOnlySpan<byte> body)
    {
        // Length-prefix the scope so that no (scope, body) pair can be re-split into another.
        var scopeBytes = Encoding.UTF8.GetBytes(scope);
        var message = new byte[4 + scopeBytes.Length + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, scopeBytes.Length);
        scopeBytes.CopyTo(message, 4);
        body.CopyTo(message.AsSpan(4 + scopeBytes.Length));
        return HMACSHA256.HashData(key, message)[..MacLength];
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyLength)
            throw new ArgumentException($"A page-token key must be at least {MinKeyLength} bytes.", nameof(key));
    }
}
