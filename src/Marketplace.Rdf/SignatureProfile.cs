using System.Security.Cryptography.Xml;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>How a document is signed: the signature method and the canonicalization of SignedInfo and of the document.</summary>
public sealed record SignatureProfile(string SignatureMethod, string DigestMethod, string Canonicalization)
{
    /// <summary>RSA-SHA256 over inclusive C14N: what we sign with unless told otherwise.</summary>
    public static SignatureProfile Default { get; } =
        new(SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigC14NTransformUrl);

    /// <summary>RSA-SHA256 over exclusive C14N.</summary>
    public static SignatureProfile Exclusive { get; } =
        new(SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigExcC14NTransformUrl);

    /// <summary>StratusLab's legacy profile: RSA-SHA1 with C14N with comments. For tests of old peers only.</summary>
    public static SignatureProfile Legacy { get; } =
        new(SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigSHA1Url, SignedXml.XmlDsigC14NWithCommentsTransformUrl);

    /// <summary>Signature methods a document may be verified with (XMLDSig §6.4.2, RFC 6931 §2.3.2).</summary>
    public static IReadOnlySet<string> VerifiableMethods { get; } =
        new HashSet<string>(StringComparer.Ordinal) { SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigRSASHA256Url };

    /// <summary>Digest methods a reference may use (XMLDSig §6.2, RFC 6931 §2.1).</summary>
    public static IReadOnlySet<string> VerifiableDigests { get; } =
        new HashSet<string>(StringComparer.Ordinal) { SignedXml.XmlDsigSHA1Url, SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigSHA512Url };

    /// <summary>Inclusive (XMLDSig §6.5.1), with comments, and exclusive C14N (Exclusive XML Canonicalization §3).</summary>
    public static IReadOnlySet<string> Canonicalizations { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigC14NTransformUrl, SignedXml.XmlDsigC14NWithCommentsTransformUrl,
        SignedXml.XmlDsigExcC14NTransformUrl, SignedXml.XmlDsigExcC14NWithCommentsTransformUrl,
    };
}
