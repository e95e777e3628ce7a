using System.Text;

namespace StandardsCloud.Occi.Wire;

/// <summary>The lexical pieces of the text renderings (GFD.229 §3, RFC 7230 quoted-string).</summary>
internal static class TextSyntax
{
    /// <summary>
    /// Splits at <paramref name="separator"/> where it is outside a quoted string (whose backslash
    /// escapes are honoured) and outside angle brackets; pieces are trimmed, empty ones dropped.
    /// </summary>
    public static List<string> SplitOutside(string text, char separator)
    {
        var pieces = new List<string>();
        var start = 0;
        var quoted = false;
        var angled = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '<')
            {
                angled = true;
            }
            else if (c == '>')
            {
                angled = false;
            }
            else if (c == separator && !angled)
            {
                Add(pieces, text[start..i]);
                start = i + 1;
            }
        }

        if (quoted)
        {
            throw new OcciParseException($"a quoted string is not closed in: {Clip(text)}");
        }

        Add(pieces, text[start..]);
        return pieces;
    }

    /// <summary>A parameter value: the content of a quoted string, or a bare token.</summary>
    public static string Unquote(string value)
    {
        value = value.Trim();
        if (value.Length < 2 || value[0] != '"')
        {
            return value;
        }

        if (value[^1] != '"')
        {
            throw new OcciParseException($"a quoted string is not closed in: {Clip(value)}");
        }

        var inner = value.AsSpan(1, value.Length - 2);
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        var text = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            text.Append(inner[i]);
        }

        return text.ToString();
    }

    /// <summary>A quoted string with its quotes and backslashes escaped.</summary>
    public static string Quote(string text) =>
        "\"" + (text.AsSpan().IndexOfAny('"', '\\') < 0 ? text : text.Replace("\\", "\\\\").Replace("\"", "\\\"")) + "\"";

    /// <summary>Splits <c>key=value</c>; null when there is no '='.</summary>
    public static (string Key, string Value)? Pair(string piece)
    {
        var equals = piece.IndexOf('=');
        return equals <= 0 ? null : (piece[..equals].Trim(), piece[(equals + 1)..].Trim());
    }

    public static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static void Add(List<string> pieces, string piece)
    {
        piece = piece.Trim();
        if (piece.Length > 0)
        {
            pieces.Add(piece);
        }
    }
}
