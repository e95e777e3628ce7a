namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// The URI a reference redirects to (CDMI 1.1.1 §5.16): a path in this namespace or an absolute
/// http or https URI. It is sent back in a Location header, so it must be a clean URI.
/// </summary>
public static class ReferenceUri
{
    public const int MaxLength = 4096;

    public static bool IsWellFormed(string target)
    {
        if (target.Length is 0 or > MaxLength || target.Any(char.IsControl))
        {
            return false;
        }

        return target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal)
            ? Uri.IsWellFormedUriString(target, UriKind.Relative)
            : Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https";
    }

    /// <summary>
    /// Whether a well-formed target names a container: its path (without query or fragment) ends
    /// with '/' (CDMI 1.1.1 §9.1), which a container reference's target must (§9.2.5).
    /// </summary>
    public static bool NamesContainer(string target)
    {
        var path = target.StartsWith('/')
            ? target.Split('?', '#')[0]
            : new Uri(target, UriKind.Absolute).AbsolutePath;
        return path.EndsWith('/');
    }
}
