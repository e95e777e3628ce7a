using System.Security.Cryptography.X509Certificates;

namespace StandardsCloud.Marketplace.Rdf.Tests.Support;

/// <summary>The shared Marketplace vectors (../shared/vectors/marketplace beside the clone), made with xmlsec1 and openssl.</summary>
internal static class MarketplaceVectors
{
    public const string Sha1 = "a1cca882a3d01a8dc1a538828d6a69b4ec08aab0";
    public const string Identifier = "KHMqIKj0BqNwaU4go1qabTsCKqw";
    public const string Subject = "CN=Jane Tester,OU=Testing Department,O=StandardsCloud Test,C=EU";
    public const string Email = "jane.tester@example.org";
    public const string LegacySigned = "tiny-image.signed.rsa-sha1-c14n-withcomments.xml";
    public const string ExclusiveSigned = "tiny-image.signed.rsa-sha256-exc-c14n.xml";

    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "..", "shared", "vectors", "marketplace");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static byte[] Unsigned => Bytes("tiny-image.metadata.xml");

    /// <summary>The endorser's certificate with its private key.</summary>
    public static X509Certificate2 EndorserWithKey() =>
        X509Certificate2.CreateFromPemFile(PathOf("endorser-cert.pem"), PathOf("endorser-key.pem"));

    public static X509Certificate2 EndorserCertificate() => X509CertificateLoader.LoadCertificateFromFile(PathOf("endorser-cert.pem"));

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
