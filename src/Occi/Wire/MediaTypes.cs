namespace StandardsCloud.Occi.Wire;

/// <summary>The renderings this service speaks (GFD.229 §4–6, GFD.225 §2).</summary>
public enum Rendering
{
    /// <summary><c>text/plain</c> (also <c>text/occi+plain</c>): fields as body lines.</summary>
    TextPlain,

    /// <summary><c>text/occi</c>: fields as HTTP headers, body "OK".</summary>
    TextOcci,

    /// <summary><c>text/uri-list</c>: locations only, for collections.</summary>
    UriList,

    /// <summary><c>application/occi+json</c>.</summary>
    OcciJson,

    /// <summary><c>application/json</c>: the same JSON rendering.</summary>
    Json,
}

/// <summary>Content negotiation over the renderings.</summary>
public static class MediaTypes
{
    public static string Name(Rendering rendering) => rendering switch
    {
        Rendering.TextPlain => "text/plain",
        Rendering.TextOcci => "text/occi",
        Rendering.UriList => "text/uri-list",
        Rendering.OcciJson => "application/occi+json",
        _ => "application/json",
    };

    /// <summary>What a request body is, from its Content-Type; null when it is none of ours.</summary>
    public static Rendering? OfContent(string mediaType) => Lookup(mediaType.Split(';')[0].Trim().ToLowerInvariant());

    /// <summary>
    /// The rendering an Accept header asks for: the acceptable one with the highest q, in the
    /// header's order on ties; <c>*/*</c>, <c>text/*</c> or no header mean text/plain. Null when
    /// nothing acceptable is offered (406).
    /// </summary>
    public static Rendering? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Rendering.TextPlain;
        }

        Rendering? best = null;
        var bestQ = 0.0;
        foreach (var range in accept.Split(','))
        {
            var parts = range.Split(';');
            var type = parts[0].Trim().ToLowerInvariant();
            var q = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                var pair = parameter.Split('=', 2);
                if (pair.Length == 2 && pair[0].Trim() == "q" && double.TryParse(pair[1].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var given))
                {
                    q = given;
                }
            }

            var rendering = type is "*/*" or "text/*" ? Rendering.TextPlain : type == "application/*" ? Rendering.OcciJson : Lookup(type);
            if (rendering is not null && q > bestQ)
            {
                best = rendering;
                bestQ = q;
            }
        }

        return best;
    }

    private static Rendering? Lookup(string type) => type switch
    {
        "text/plain" or "text/occi+plain" => Rendering.TextPlain,
        "text/occi" => Rendering.TextOcci,
        "text/uri-list" => Rendering.UriList,
        "application/occi+json" => Rendering.OcciJson,
        "application/json" => Rendering.Json,
        _ => null,
    };
}
