namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// List indices in Query parameter names. AWS numbers list members from 1
/// (<c>InstanceId.1</c>, <c>Filter.1.Value.1</c>), and some clients (libcloud) count from 0,
/// which EC2 takes too; we accept exactly the canonical decimal form, so <c>Filter.01</c> and
/// <c>Filter.1</c> can never name the same member twice.
/// </summary>
internal static class QueryIndex
{
    public static bool TryParse(ReadOnlySpan<char> segment, out int index)
    {
        index = 0;
        if (segment is "0")
            return true;
        if (segment.IsEmpty || segment.Length > 10 || segment[0] is < '1' or > '9')
            return false;

        long value = 0;
        foreach (var c in segment)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }

        if (value > int.MaxValue)
            return false;
        index = (int)value;
        return true;
    }

    /// <summary>
    /// The first dotted segment of <paramref name="name"/> that looks like a number but is not
    /// a valid index (<c>-1</c>, <c>+1</c>, <c>01</c>, <c>1x</c>), or null. No EC2
    /// parameter has a name segment that starts with a digit or a sign, so such a segment can
    /// only be a mistyped list index; refusing it beats silently dropping a list member.
    /// </summary>
    public static string? FindMalformed(string name)
    {
        var rest = name.AsSpan();
        while (true)
        {
            var dot = rest.IndexOf('.');
            var segment = dot < 0 ? rest : rest[..dot];
            if (!segment.IsEmpty
                && (char.IsAsciiDigit(segment[0]) || segment[0] is '-' or '+')
                && !TryParse(segment, out _))
            {
                return segment.ToString();
            }

            if (dot < 0)
                return null;
            rest = rest[(dot + 1)..];
        }
    }
}
