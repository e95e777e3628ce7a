using System.Security.Cryptography.X509Certificates;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Marketplace.Tests.Support;

/// <summary>The shared Marketplace vectors beside the clone, and documents signed on the spot by their endorser.</summary>
internal static class Vectors
{
    public const string Identifier = "KHMqIKj0BqNwaU4go1qabTsCKqw";
    public const string Email = "jane.tester@example.org";
    public const string LegacySigned = "tiny-image.signed.rsa-sha1-c14n-withcomments.xml";
    public const string ExclusiveSigned = "tiny-image.signed.rsa-sha256-exc-c14n.xml";

    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "..", "shared", "vectors", "marketplace");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static ImageMetadata Metadata => MetadataReader.Read(Bytes("tiny-image.metadata.xml")).Value!;

    public static X509Certificate2 Endorser { get; } = X509Certificate2.CreateFromPemFile(PathOf("endorser-cert.pem"), PathOf("endorser-key.pem"));

    /// <summary>The vector's metadata, changed, endorsed at <paramref name="created"/> and signed by Jane.</summary>
    public static byte[] Signed(DateTimeOffset created, Func<ImageMetadata, ImageMetadata>? change = null)
    {
        var metadata = Metadata with { Endorsement = Metadata.Endorsement with { Created = created } };
        return MetadataSigner.SignToBytes(change is null ? metadata : change(metadata), Endorser);
    }

    /// <summary>Metadata for another image (another SHA-1), signed by Jane.</summary>
    public static byte[] OtherImage(string sha1, DateTimeOffset created, Func<ImageMetadata, ImageMetadata>? change = null) =>
        Signed(created, m =>
        {
            var other = m with
            {
                Identifier = MarketplaceIdentifier.FromSha1(sha1)!,
                Checksums = [new ImageChecksum("SHA-1", sha1)],
            };
            return change is null ? other : change(other);
        });

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
