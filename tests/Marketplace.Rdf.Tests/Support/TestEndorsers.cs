using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StandardsCloud.Marketplace.Rdf.Tests.Support;

/// <summary>Certificates made on the spot: a self-signed endorser, or a CA and an endorser it issued.</summary>
internal static class TestEndorsers
{
    public static X509Certificate2 SelfSigned(string email, string subject = "CN=Sam Signer, OU=Tests, O=Example, C=EU")
    {
        using var key = RSA.Create(2048);
        var request = Request(subject, email, key);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    public static X509Certificate2 Authority(string subject = "CN=Test CA, O=Example, C=EU")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(10));
    }

    public static X509Certificate2 IssuedBy(X509Certificate2 authority, string email, string subject)
    {
        using var key = RSA.Create(2048);
        var request = Request(subject, email, key);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    private static CertificateRequest Request(string subject, string email, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddEmailAddress(email);
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    /// <summary>Metadata for the tiny image endorsed by the holder of <paramref name="certificate"/>.</summary>
    public static ImageMetadata MetadataFor(X509Certificate2 certificate, Func<ImageMetadata, ImageMetadata>? change = null)
    {
        var metadata = MetadataReader.Read(MarketplaceVectors.Unsigned).Value! with
        {
            Endorsement = new Endorsement(
                new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
                new Endorser(
                    DistinguishedNames.Email(certificate)!,
                    DistinguishedNames.Rfc2253(certificate.SubjectName),
                    DistinguishedNames.Rfc2253(certificate.IssuerName))),
        };
        return change is null ? metadata : change(metadata);
    }
}
