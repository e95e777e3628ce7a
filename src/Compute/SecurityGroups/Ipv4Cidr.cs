using System.Globalization;

namespace StandardsCloud.Compute.SecurityGroups;

/// <summary>
/// IPv4 CIDR blocks as security group rules take them: four decimal octets and a prefix length,
/// with the host bits cleared (<c>10.0.0.1/8</c> names the network <c>10.0.0.0/8</c>).
/// </summary>
public static class Ipv4Cidr
{
    /// <summary>
    /// The block in its canonical form, or false when <paramref name="text"/> is not
    /// <c>a.b.c.d/n</c> with octets 0–255 and n 0–32. Octets with a leading zero are refused rather
    /// than read as octal or decimal, since readers disagree on them.
    /// </summary>
    public static bool TryCanonical(string text, out string canonical)
    {
        canonical = "";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryNumber(text.AsSpan(slash + 1), 32, out var prefix))
        {
            return false;
        }

        var address = 0u;
        var octets = 0;
        foreach (var range in text.AsSpan(0, slash).Split('.'))
        {
            if (++octets > 4 || !TryNumber(text.AsSpan(0, slash)[range], 255, out var octet))
            {
                return false;
            }

            address = (address << 8) | (uint)octet;
        }

        if (octets != 4)
        {
            return false;
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var network = address & mask;
        canonical = string.Create(CultureInfo.InvariantCulture, $"{network >> 24}.{(network >> 16) & 255}.{(network >> 8) & 255}.{network & 255}/{prefix}");
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> digits, int max, out int value)
    {
        value = 0;
        if (digits.Length is 0 or > 3 || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }
}
