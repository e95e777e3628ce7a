using StandardsCloud.Compute;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>One authenticated request: who asks, at which path, with what message.</summary>
/// <param name="Path">The path, without query string.</param>
/// <param name="Action">The <c>?action=</c> term, or null.</param>
/// <param name="BaseUrl">scheme://host of the service, to make locations absolute and read them back.</param>
public sealed record OcciCall(Actor Actor, string Method, string Path, string? Action, OcciMessage Message, string BaseUrl, CancellationToken Cancel)
{
    /// <summary>
    /// The answer is rendered in text or as a URI list, where a collection shows its members'
    /// locations only (GFD.229 §5–6): their full renderings need not be built.
    /// </summary>
    public bool LocationsOnly { get; init; }

    /// <summary>A location as a client gave it (absolute on this service, or a path) as a path; null when it points elsewhere.</summary>
    public string? PathOf(string location)
    {
        if (location.StartsWith('/'))
        {
            return location;
        }

        return location.StartsWith(BaseUrl + "/", StringComparison.OrdinalIgnoreCase) ? location[BaseUrl.Length..] : null;
    }
}
