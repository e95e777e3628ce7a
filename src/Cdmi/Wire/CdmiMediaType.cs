namespace StandardsCloud.Cdmi.Wire;

/// <summary>The CDMI content types (CDMI 1.1.1 §5.13.2); anything else is <see cref="Other"/>.</summary>
public enum CdmiMediaType
{
    None,
    Object,
    Container,
    Capability,
    Domain,
    Queue,
    Any,
    Other,
}

/// <summary>Reads and names CDMI media types; a <c>+json</c> suffix and parameters are accepted.</summary>
public static class CdmiMediaTypes
{
    public const string Object = "application/cdmi-object";
    public const string Container = "application/cdmi-container";
    public const string Capability = "application/cdmi-capability";
    public const string Domain = "application/cdmi-domain";
    public const string Queue = "application/cdmi-queue";

    public static string Name(CdmiMediaType type) => type switch
    {
        CdmiMediaType.Object => Object,
        CdmiMediaType.Container => Container,
        CdmiMediaType.Capability => Capability,
        CdmiMediaType.Domain => Domain,
        CdmiMediaType.Queue => Queue,
        _ => "application/octet-stream",
    };

    /// <summary>The CDMI type of one media type (a Content-Type value or one Accept item).</summary>
    public static CdmiMediaType Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return CdmiMediaType.None;
        }

        var type = value.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (type.EndsWith("+json", StringComparison.Ordinal))
        {
            type = type[..^5];
        }

        return type switch
        {
            Object => CdmiMediaType.Object,
            Container => CdmiMediaType.Container,
            Capability => CdmiMediaType.Capability,
            Domain => CdmiMediaType.Domain,
            Queue => CdmiMediaType.Queue,
            "*/*" or "application/*" => CdmiMediaType.Any,
            _ => CdmiMediaType.Other,
        };
    }

    /// <summary>True when an Accept header admits <paramref name="wanted"/> (no header admits anything).</summary>
    public static bool Accepts(string? accept, CdmiMediaType wanted)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        foreach (var item in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(64))
        {
            var parsed = Parse(item);
            if (parsed == wanted || parsed == CdmiMediaType.Any || (parsed == CdmiMediaType.Other && item.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
