using System.Security.Cryptography.X509Certificates;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>A metadata document whose signature verified and whose endorser matches the signing certificate.</summary>
/// <param name="Metadata">What the document says.</param>
/// <param name="Certificate">The certificate whose key made the signature.</param>
/// <param name="OtherCertificates">Further certificates the signature carried (a chain, perhaps).</param>
/// <param name="SignatureMethod">The XMLDSig signature method URI.</param>
/// <param name="Canonicalization">The canonicalization method URI of SignedInfo.</param>
public sealed record SignedMetadata(
    ImageMetadata Metadata,
    X509Certificate2 Certificate,
    IReadOnlyList<X509Certificate2> OtherCertificates,
    string SignatureMethod,
    string Canonicalization);
