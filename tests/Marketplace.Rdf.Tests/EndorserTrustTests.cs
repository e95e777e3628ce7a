using System.Security.Cryptography;
using StandardsCloud.Marketplace.Rdf.Tests.Support;

namespace StandardsCloud.Marketplace.Rdf.Tests;

public sealed class EndorserTrustTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SignedMetadata Vector() => SignatureVerifier.Verify(MarketplaceVectors.Bytes(MarketplaceVectors.ExclusiveSigned)).Value!;

    [Fact]
    public void Evaluate_NothingConfigured_UntrustedWithReason()
    {
        var verdict = EndorserTrust.None.Evaluate(Vector(), Now);

        Assert.False(verdict.Trusted);
        Assert.Contains("trusts no endorser", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CertificateInCaBundle_Trusted()
    {
        var bundle = EndorserTrust.ReadBundle(File.ReadAllText(MarketplaceVectors.PathOf("endorser-cert.pem")));

        Assert.True(new EndorserTrust(bundle, []).Evaluate(Vector(), Now).Trusted);
    }

    [Fact]
    public void Evaluate_IssuedByBundledCa_Trusted_OtherCa_Untrusted()
    {
        var authority = TestEndorsers.Authority();
        var endorser = TestEndorsers.IssuedBy(authority, "ca.user@example.org", "CN=Ca User, O=Example, C=EU");
        var signed = SignatureVerifier.Verify(MetadataSigner.SignToBytes(TestEndorsers.MetadataFor(endorser), endorser)).Value!;

        Assert.True(new EndorserTrust([authority], []).Evaluate(signed, DateTimeOffset.UtcNow).Trusted);
        var other = new EndorserTrust([TestEndorsers.Authority("CN=Other CA")], []).Evaluate(signed, DateTimeOffset.UtcNow);
        Assert.False(other.Trusted);
        Assert.Contains("does not chain", other.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TrustedEndorserEmail_Trusted_OtherEmail_Untrusted()
    {
        Assert.True(new EndorserTrust([], ["Jane.Tester@example.org"]).Evaluate(Vector(), Now).Trusted);
        Assert.False(new EndorserTrust([], ["someone@example.org"]).Evaluate(Vector(), Now).Trusted);
    }

    [Fact]
    public void Evaluate_TrustedFingerprint_Trusted()
    {
        var fingerprint = Convert.ToHexString(SHA256.HashData(MarketplaceVectors.EndorserCertificate().RawData));

        Assert.True(new EndorserTrust([], [fingerprint]).Evaluate(Vector(), Now).Trusted);
    }

    [Fact]
    public void Evaluate_CertificateNotYetValid_Untrusted()
    {
        var verdict = new EndorserTrust([], [MarketplaceVectors.Email]).Evaluate(Vector(), new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.False(verdict.Trusted);
        Assert.Contains("not valid at 2020-01-01T00:00:00Z", verdict.Reason, StringComparison.Ordinal);
    }
}
