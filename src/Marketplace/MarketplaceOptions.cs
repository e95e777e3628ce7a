using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Marketplace;

/// <summary>The site's Marketplace settings: whom it trusts, what it allows, and how large a document may be.</summary>
public sealed record MarketplaceOptions
{
    public EndorserTrust Trust { get; init; } = EndorserTrust.None;
    public SitePolicy Policy { get; init; } = SitePolicy.Default;
    public XmlLimits Limits { get; init; } = XmlLimits.Default;
}
