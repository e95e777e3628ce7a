using System.Globalization;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// The byte ranges of non-CDMI requests: <c>Range: bytes=first-last</c> on reads (RFC 9110 §14.2)
/// and <c>Content-Range: bytes first-last/total</c> on partial writes (CDMI 1.1.1 §6.4).
/// </summary>
public static class HttpByteRanges
{
    /// <summary>
    /// The one range a Range header asks for within <paramref name="size"/> bytes. Null range with
    /// no error: serve the whole value (no header, or several ranges, which a server may ignore).
    /// </summary>
    public static (WireRange? Range, bool Unsatisfiable) ReadRange(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 256 || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return (null, false);
        }

        var spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return (null, false);
        }

        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (null, false);
        }

        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();
        if (firstText.Length == 0)
        {
            // A suffix: the last N bytes.
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) || suffix == 0)
            {
                return (null, suffix == 0 && lastText.Length > 0);
            }

            return size == 0 ? (null, true) : (new WireRange(Math.Max(0, size - suffix), size - 1), false);
        }

        if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return (null, false);
        }

        var last = size - 1;
        if (lastText.Length > 0)
        {
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first)
            {
                return (null, false);
            }
        }

        if (first >= size)
        {
            return (null, true);
        }

        return (new WireRange(first, Math.Min(last, size - 1)), false);
    }

    /// <summary>Reads <c>bytes first-last/total</c> or <c>bytes first-last/*</c>; null when malformed.</summary>
    public static WireRange? ReadContentRange(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 256 || !header.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header[6..].Trim();
        var slash = spec.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var total = spec[(slash + 1)..];
        if (total != "*" && !long.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        return WireRange.TryParse(spec[..slash], out var range) ? range : null;
    }
}
