namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// Makes arbitrary strings writable as XML 1.0 text. Values we render often began as client
/// input (a tag value, a key name), and a control character such as U+0001 or a lone surrogate
/// cannot appear in XML 1.0 at all (XML 1.0 §2.2 "Char"); replacing it with U+FFFD keeps the
/// response well formed instead of failing the whole call.
/// </summary>
internal static class XmlText
{
    public static string Clean(string text)
    {
        var first = FirstInvalid(text);
        if (first < 0)
            return text;

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            var (source, start) = state;
            source.AsSpan(0, start).CopyTo(span);
            for (var i = start; i < source.Length; i++)
            {
                var c = source[i];
                if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                {
                    span[i] = c;
                    span[i + 1] = source[i + 1];
                    i++;
                }
                else
                {
                    span[i] = IsXmlChar(c) ? c : '\uFFFD';
                }
            }
        });
    }

    private static int FirstInvalid(string text)
    {
        // Nearly all text is in U+0020–U+D7FF, which one vectorised scan clears.
        var start = text.AsSpan().IndexOfAnyExceptInRange('\u0020', '\uD7FF');
        if (start < 0)
            return -1;

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!IsXmlChar(c))
                return i;
        }

        return -1;
    }

    // Surrogates are handled by the callers as pairs; alone they are invalid.
    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
}
