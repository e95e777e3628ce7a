using System.Numerics;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>
/// The Marketplace identifier of an image: its SHA-1 read as an unsigned big-endian integer and
/// written as exactly 27 base-64 digits, most significant first, over <c>A–Z a–z 0–9 - _</c>.
/// 27 digits hold 162 bits, so the first digit of a 160-bit value is one of A–P. This is not
/// base64url of the 20 bytes.
/// </summary>
public static class MarketplaceIdentifier
{
    public const int Length = 27;
    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>The identifier of a SHA-1 given as 40 hex digits; null when it is not one.</summary>
    public static string? FromSha1(string sha1Hex)
    {
        if (!IsSha1(sha1Hex))
        {
            return null;
        }

        var value = new BigInteger(Convert.FromHexString(sha1Hex), isUnsigned: true, isBigEndian: true);
        Span<char> text = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            text[i] = Digits[(int)(value & 63)];
            value >>= 6;
        }

        return new string(text);
    }

    /// <summary>The SHA-1 (lowercase hex) an identifier stands for; null when it is not one.</summary>
    public static string? ToSha1(string identifier)
    {
        if (!IsWellFormed(identifier))
        {
            return null;
        }

        var value = BigInteger.Zero;
        foreach (var c in identifier)
        {
            value = (value << 6) | Digits.IndexOf(c, StringComparison.Ordinal);
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[20];
        bytes.CopyTo(padded, 20 - bytes.Length);
        return Convert.ToHexStringLower(padded);
    }

    /// <summary>27 digits of the alphabet, the first one of A–P (so the value fits in 160 bits).</summary>
    public static bool IsWellFormed(string? identifier) =>
        identifier is { Length: Length }
        && identifier[0] is >= 'A' and <= 'P'
        && identifier.All(c => Digits.Contains(c, StringComparison.Ordinal));

    /// <summary>40 hexadecimal digits.</summary>
    public static bool IsSha1(string? hex) => hex is { Length: 40 } && hex.All(char.IsAsciiHexDigit);
}
