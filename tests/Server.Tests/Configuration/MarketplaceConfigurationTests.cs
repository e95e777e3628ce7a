using StandardsCloud.CloudKit;
using StandardsCloud.Server.Configuration;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Configuration;

public sealed class MarketplaceConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new("mpconfig");

    public void Dispose() => _dir.Dispose();

    private (ServerSettings? Settings, IReadOnlyList<string> Errors) LoadText(string json)
    {
        var path = Path.Combine(_dir.Path, "site.json");
        File.WriteAllText(path, json);
        return SiteConfigurationLoader.Load(path);
    }

    [Fact]
    public void Load_NoMarketplaceSection_TrustsNobodyAndRequiresTrust()
    {
        var (settings, errors) = SiteConfigurationLoader.Load(null);

        Assert.Empty(errors);
        Assert.False(settings!.Marketplace.Trust.IsConfigured);
        Assert.True(settings.Marketplace.Policy.RequireTrustedEndorser);
    }

    [Fact]
    public void Load_GoodSection_ValuesTaken()
    {
        var bundle = MarketplaceDocuments.EndorserCertificatePath.Replace("\\", "\\\\", StringComparison.Ordinal);
        var (settings, errors) = LoadText($$"""
            { "marketplace": {
                "caBundle": "{{bundle}}",
                "trustedEndorsers": [ "ops@example.org" ],
                "requireTrustedEndorser": false,
                "allow": { "endorsers": [ "jane.tester@example.org" ] },
                "deny": { "checksums": [ "A1CCA882A3D01A8DC1A538828D6A69B4EC08AAB0" ], "identifiers": [ "KHMqIKj0BqNwaU4go1qabTsCKqw" ] },
                "maxDocumentBytes": 65536 } }
            """);

        Assert.Empty(errors);
        var market = settings!.Marketplace;
        Assert.True(market.Trust.IsConfigured);
        Assert.False(market.Policy.RequireTrustedEndorser);
        Assert.Equal(["jane.tester@example.org"], market.Policy.AllowEndorsers);
        Assert.Equal(["a1cca882a3d01a8dc1a538828d6a69b4ec08aab0"], market.Policy.DenyChecksums);
        Assert.Equal(["KHMqIKj0BqNwaU4go1qabTsCKqw"], market.Policy.DenyIdentifiers);
        Assert.Equal(65536, market.Limits.MaxBytes);
    }

    [Fact]
    public void Load_BadValues_EachNamedWithValueAndAllowed()
    {
        var (settings, errors) = LoadText("""
            { "marketplace": {
                "caBundle": "/nonexistent/ca.pem",
                "trustedEndorsers": [ "not an email" ],
                "allow": { "checksums": [ "abc" ], "endorsers": [ "nobody" ] },
                "deny": { "identifiers": [ "short" ] },
                "maxDocumentBytes": 10 } }
            """);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("marketplace.caBundle: '/nonexistent/ca.pem' cannot be read", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("marketplace.trustedEndorsers: 'not an email'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("marketplace.allow.checksums: 'abc'; allowed: a SHA-1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("marketplace.allow.endorsers: 'nobody'; allowed: an email", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("marketplace.deny.identifiers: 'short'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("marketplace.maxDocumentBytes: 10", StringComparison.Ordinal));
    }
}
