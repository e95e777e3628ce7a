using StandardsCloud.Compute;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>One authenticated request: who asks, at which path, with what message.</summary>
/// <param name="Path">The path, without query string.</param>
/// <param name="Action">The <c>?action=</c> term, or null.</param>
/// <param name="BaseUrl">scheme://host of the service, to make locations absolute and read them back.</param>
public sealed record OcciCall(Actor Actor, string Method, string Path, string? Action, OcciMessage Message, string BaseUrl, CancellationToken Cancel)
{
    /// <summary>The page asked for with <c>page</c> and <c>number</c> (GFD.223 §6), or null for the whole collection.</summary>
    public Paging? Page { get; init; }

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

/// <summary>One page of a collection: <see cref="Page"/> counts from 1, <see cref="Number"/> entities each.</summary>
public sealed record Paging(int Page, int Number)
{
    /// <summary>Most entities one page may hold; more is 413 (GFD.223 §6).</summary>
    public const int MaxNumber = 10_000;

    public IReadOnlyList<T> Of<T>(IReadOnlyList<T> all) => [.. all.Skip((int)Math.Min(int.MaxValue, (long)(Page - 1) * Number)).Take(Number)];
}
