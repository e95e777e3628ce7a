using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using StandardsCloud.LoadHarness;
using StandardsCloud.LoadHarness.Api;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.BootTime;

/// <summary>
/// The tiny guest as a Marketplace image: metadata stating its size, SHA-1 and HTTP location,
/// signed by the shared vectors' endorser (whom the benchmark's site trusts), uploaded, and
/// registered from the entry. Nodes then fetch it as any Marketplace image, checking size and SHA-1.
/// </summary>
public static class MarketplaceImage
{
    private const string Template = "tiny-image.metadata.xml";

    /// <summary>The endorser's email, which the site must trust for the image to be launched.</summary>
    public static string EndorserOf(string vectors) => Read(vectors).Email;

    /// <summary>Publishes the image and answers the id of its registration.</summary>
    public static async Task<string> PublishAsync(CloudApi api, string vectors, byte[] image, Uri location, CancellationToken ct)
    {
        var template = Read(vectors);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(image));
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var metadata = template with
        {
            Identifier = MarketplaceIdentifier.FromSha1(sha1)!,
            Bytes = image.Length,
            Checksums = [new ImageChecksum("SHA-1", sha1)],
            Locations = [location.AbsoluteUri],
            Title = "Tiny guest (boot-time benchmark)",
            Description = "Kernel, busybox initramfs and syslinux on a FAT disk; prints what its context disk holds and powers off.",
            Endorsement = template.Endorsement with { Created = now.AddMinutes(-1) },
        };
        using var endorser = X509Certificate2.CreateFromPemFile(Path.Combine(vectors, "endorser-cert.pem"), Path.Combine(vectors, "endorser-key.pem"));
        await api.UploadMetadataAsync(MetadataSigner.SignToBytes(metadata, endorser), ct).ConfigureAwait(false);
        return (await api.RegisterMarketplaceImageAsync(metadata.Identifier, ct).ConfigureAwait(false)).Id;
    }

    private static ImageMetadata Read(string vectors)
    {
        var path = Path.Combine(vectors, Template);
        if (!File.Exists(path))
        {
            throw new BenchAbortedException($"{path} does not exist; the shared Marketplace vectors must lie beside the clone (--vectors)");
        }

        var read = MetadataReader.Read(File.ReadAllBytes(path));
        return read.IsOk ? read.Value! : throw new BenchAbortedException($"{path}: {read.Reason}");
    }
}
