namespace StandardsCloud.Occi.Wire;

/// <summary>A location with the kind of what is there (GFD.225 kinded URI).</summary>
public sealed record KindedUri(string Location, CategoryId? Kind);

/// <summary>An action the entity offers now, and where to invoke it (relative).</summary>
public sealed record ActionLink(CategoryId Action, string Href);

/// <summary>A resource instance ready to render (GFD.221 §4.5.2).</summary>
public sealed record ResourceView(
    string Id,
    string Location,
    CategoryId Kind,
    IReadOnlyList<CategoryId> Mixins,
    IReadOnlyList<OcciAttribute> Attributes,
    IReadOnlyList<ActionLink> Actions,
    IReadOnlyList<LinkView> Links,
    string? Title = null,
    string? Summary = null);

/// <summary>A link instance ready to render (GFD.221 §4.5.3).</summary>
public sealed record LinkView(
    string Id,
    string Location,
    CategoryId Kind,
    IReadOnlyList<CategoryId> Mixins,
    IReadOnlyList<OcciAttribute> Attributes,
    IReadOnlyList<ActionLink> Actions,
    KindedUri Source,
    KindedUri Target,
    string? Title = null);
