using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>Percent-encoding as both AWS signature versions canonicalise it.</summary>
internal static class AwsPercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>
    /// Encodes every byte outside RFC 3986 §2.3's unreserved set (A-Z a-z 0-9 - . _ ~) as <c>%XX</c>
    /// with upper-case hex, as SigV4 ("UriEncode") and SigV2 both require.
    /// </summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<byte> bytes, bool keepSlash = false)
    {
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == (byte)'/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes, bool keepSlash = false)
    {
        var builder = new StringBuilder(bytes.Length);
        Append(builder, bytes, keepSlash);
        return builder.ToString();
    }

    /// <summary>
    /// Decodes <c>%XX</c> escapes to bytes. With <paramref name="plusIsSpace"/>, '+' is a space as in
    /// application/x-www-form-urlencoded (WHATWG URL §5.1), which is how EC2 reads query parameters.
    /// A '%' not followed by two hex digits is kept literally rather than rejected, so that odd input
    /// still canonicalises to one definite string (and fails the signature rather than the parser).
    /// </summary>
    public static byte[] Decode(ReadOnlySpan<byte> encoded, bool plusIsSpace)
    {
        var output = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'%' && i + 2 < encoded.Length && TryHex(encoded[i + 1], out var high) && TryHex(encoded[i + 2], out var low))
            {
                output[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                output[length++] = plusIsSpace && b == (byte)'+' ? (byte)' ' : b;
            }
        }

        return output.AsSpan(0, length).ToArray();
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z')
            or (>= (byte)'a' and <= (byte)'z')
            or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';

    private static bool TryHex(byte b, out int value)
    {
        value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
