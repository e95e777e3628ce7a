namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// The parts of an HTTP request that an EC2 Query API signature covers, exactly as they arrived,
/// so the verifiers need no HTTP context.
/// </summary>
/// <param name="Method">The request method, for example <c>POST</c>.</param>
/// <param name="Path">
/// The request path as received on the wire, still percent-encoded and without the query,
/// for example <c>/</c> or <c>/services/Cloud</c>.
/// </param>
/// <param name="RawQuery">The query string as received, without the leading <c>?</c>; empty when there is none.</param>
/// <param name="Headers">
/// Request headers by name, looked up without regard to case; repeated headers are joined with
/// <c>,</c> as HTTP allows. Must contain <c>Host</c>, including the port when the client sent one.
/// </param>
/// <param name="Body">The request body exactly as received; it is hashed as is, never re-encoded.</param>
public sealed record SignedRequest(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// Reads a header, falling back to a case-insensitive scan in case the caller's dictionary
    /// compares names exactly; RFC 9110 §5.1 makes field names case-insensitive.
    /// </summary>
    internal string? Header(string name)
    {
        if (Headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, candidate) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether the body is form-encoded, ignoring parameters such as <c>charset</c>.</summary>
    internal bool HasFormBody()
    {
        var contentType = Header("Content-Type");
        if (Body.IsEmpty || contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
    }
}
