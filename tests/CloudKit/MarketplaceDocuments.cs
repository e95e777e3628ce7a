using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.CloudKit;

/// <summary>Marketplace metadata for tests, signed by the shared vectors' endorser (or a stranger), for images that need not exist.</summary>
public static class MarketplaceDocuments
{
    public const string Email = "jane.tester@example.org";

    public static string VectorDirectory { get; } = Path.Combine(RepositoryRoot(), "..", "shared", "vectors", "marketplace");

    public static string EndorserCertificatePath => Path.Combine(VectorDirectory, "endorser-cert.pem");

    public static X509Certificate2 Endorser { get; } = X509Certificate2.CreateFromPemFile(
        Path.Combine(VectorDirectory, "endorser-cert.pem"), Path.Combine(VectorDirectory, "endorser-key.pem"));

    private static ImageMetadata Template => MetadataReader.Read(File.ReadAllBytes(Path.Combine(VectorDirectory, "tiny-image.metadata.xml"))).Value!;

    public static string NewSha1() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>Signed metadata for the image of <paramref name="sha1"/>, endorsed at <paramref name="created"/>.</summary>
    public static byte[] Signed(string sha1, DateTimeOffset created, Func<ImageMetadata, ImageMetadata>? change = null, X509Certificate2? signer = null)
    {
        signer ??= Endorser;
        var metadata = Template with
        {
            Identifier = MarketplaceIdentifier.FromSha1(sha1)!,
            Checksums = [new ImageChecksum("SHA-1", sha1)],
            Endorsement = new Endorsement(MetadataDates.Truncate(created), new Endorser(
                DistinguishedNames.Email(signer)!, DistinguishedNames.Rfc2253(signer.SubjectName), DistinguishedNames.Rfc2253(signer.IssuerName))),
        };
        return MetadataSigner.SignToBytes(change is null ? metadata : change(metadata), signer);
    }

    /// <summary>A self-signed endorser no site trusts.</summary>
    public static X509Certificate2 Stranger(string email = "stranger@example.org")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Stranger, O=Nowhere, C=EU", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddEmailAddress(email);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>Uploads a document to a Marketplace and fails the test unless it is stored.</summary>
    public static async Task UploadAsync(HttpClient client, byte[] document)
    {
        var content = new ByteArrayContent(document);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/rdf+xml");
        var response = await client.PostAsync("/metadata", content);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StandardsCloud.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("StandardsCloud.sln not found above " + AppContext.BaseDirectory);
    }
}
