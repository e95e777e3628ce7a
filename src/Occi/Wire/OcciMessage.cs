namespace StandardsCloud.Occi.Wire;

/// <summary>A category as a request names it: identity, and for new user mixins their title, rel and location.</summary>
public sealed record CategoryRef(CategoryId Id, CategoryClass? Class, string? Title = null, string? Rel = null, string? Location = null);

/// <summary>A link given inline with a resource (GFD.229 Link ABNF), or the link part of a link rendering.</summary>
public sealed record InlineLink(string Target, IReadOnlyList<string> Rel, string? Self, CategoryId? Category, IReadOnlyList<OcciAttribute> Attributes);

/// <summary>
/// What a client sent, in any rendering: categories, inline links, attributes and locations. The
/// HTTP layer decides what it means (a create, an update, an action, a mixin definition, a filter).
/// </summary>
public sealed record OcciMessage(
    IReadOnlyList<CategoryRef> Categories,
    IReadOnlyList<InlineLink> Links,
    IReadOnlyList<OcciAttribute> Attributes,
    IReadOnlyList<string> Locations)
{
    public static OcciMessage Empty { get; } = new([], [], [], []);

    /// <summary>The last value given for <paramref name="name"/>, or null.</summary>
    public OcciValue? Attribute(string name) => Attributes.LastOrDefault(a => a.Name == name)?.Value;
}

/// <summary>Why a rendering could not be read; the message says what to fix.</summary>
public sealed class OcciParseException(string message) : Exception(message);
