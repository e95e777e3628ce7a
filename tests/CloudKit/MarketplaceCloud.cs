using StandardsCloud.Marketplace;
using StandardsCloud.Marketplace.Rdf;
using StandardsCloud.Server.Configuration;

namespace StandardsCloud.CloudKit;

/// <summary>A cloud that trusts the shared vectors' endorser, denies one identifier and one checksum.</summary>
public sealed class MarketplaceCloud : CloudFixture
{
    public static readonly string DeniedSha1 = MarketplaceDocuments.NewSha1();
    public static readonly string DeniedChecksum = MarketplaceDocuments.NewSha1();

    protected override ServerSettings Adjust(ServerSettings settings) => settings with
    {
        Marketplace = new MarketplaceOptions
        {
            Trust = new EndorserTrust(EndorserTrust.ReadBundle(File.ReadAllText(MarketplaceDocuments.EndorserCertificatePath)), []),
            Policy = new SitePolicy
            {
                DenyIdentifiers = [MarketplaceIdentifier.FromSha1(DeniedSha1)!],
                DenyChecksums = [DeniedChecksum],
            },
        },
    };
}
