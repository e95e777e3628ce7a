using System.Security.Cryptography.X509Certificates;
using StandardsCloud.Marketplace.Rdf.Tests.Support;

namespace StandardsCloud.Marketplace.Rdf.Tests;

public sealed class DistinguishedNamesTests
{
    [Fact]
    public void Rfc2253_VectorCertificate_PrintedAsJavaDoes()
    {
        var certificate = MarketplaceVectors.EndorserCertificate();

        Assert.Equal(MarketplaceVectors.Subject, DistinguishedNames.Rfc2253(certificate.SubjectName));
        Assert.Equal(MarketplaceVectors.Subject, DistinguishedNames.Rfc2253(certificate.IssuerName));
    }

    [Fact]
    public void Email_VectorCertificate_FromSubjectAlternativeName() =>
        Assert.Equal(MarketplaceVectors.Email, DistinguishedNames.Email(MarketplaceVectors.EndorserCertificate()));

    [Fact]
    public void Rfc2253_SpecialCharacters_Escaped()
    {
        var name = new X500DistinguishedName("CN=\"Doe, Jane\", O=\"A+B\", C=EU");

        Assert.Equal(@"CN=Doe\, Jane,O=A\+B,C=EU", DistinguishedNames.Rfc2253(name));
    }

    [Fact]
    public void Rfc2253_UnknownAttribute_PrintedAsOidAndHex()
    {
        var name = new X500DistinguishedName("CN=Jane, E=jane@example.org");

        Assert.Equal("CN=Jane,1.2.840.113549.1.9.1=#16106a616e65406578616d706c652e6f7267", DistinguishedNames.Rfc2253(name));
    }

    [Fact]
    public void Email_NoSubjectAlternativeName_FallsBackToEmailAttribute()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest("E=old.style@example.org, CN=Old Style", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal("old.style@example.org", DistinguishedNames.Email(certificate));
    }
}
