namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// Finds <c>%2F</c> in a URI's path as the client sent it. RFC 3986 §2.2 makes "/" a delimiter and
/// an escaped one a character of a segment, so <c>%2F</c> would put "/" inside a name, which CDMI
/// 1.1.1 §5.13.6 forbids. The path must be read before percent-decoding: a name holding the
/// characters "%2F" arrives as <c>%252F</c> and is allowed (§5.13.4), though both decode alike.
/// </summary>
public static class EncodedSlash
{
    /// <summary>Why a name may not hold it, for a 400.</summary>
    public const string Refusal =
        "a name may not hold '/' (CDMI 1.1.1 §5.13.6: '/' and '?' delimit names), and '%2F' in a URI is a '/' inside a name; "
        + "to name the characters '%2F' themselves, escape the '%' as '%25' (send '%252F')";

    /// <summary>True when the path of <paramref name="rawTarget"/> (the request target or a URI's escaped path) holds an escaped '/'.</summary>
    public static bool In(string rawTarget)
    {
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rawTarget.AsSpan() : rawTarget.AsSpan(0, query);
        return path.Contains("%2F", StringComparison.OrdinalIgnoreCase);
    }
}
