using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>
/// Signs a metadata document the way StratusLab's tools do: an enveloped XML Signature as the last
/// child of <c>rdf:RDF</c>, one reference to the whole document (<c>URI=""</c>), and the signing
/// certificate in <c>KeyInfo</c>. The Signature element is written here, in the <c>ds:</c>
/// prefix, over <see cref="Canonicalizer"/>'s output, so the verifier and libxmlsec1 agree with it.
/// </summary>
public static class MetadataSigner
{
    /// <summary>Signs a copy of <paramref name="document"/>; the certificate must carry its RSA private key.</summary>
    public static XmlDocument Sign(XmlDocument document, X509Certificate2 certificate, SignatureProfile? profile = null)
    {
        profile ??= SignatureProfile.Default;
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("the certificate has no RSA private key", nameof(certificate));
        var signed = (XmlDocument)document.CloneNode(deep: true);
        signed.PreserveWhitespace = true;
        var root = signed.DocumentElement ?? throw new ArgumentException("the document has no root element", nameof(document));

        // XMLDSig §6.6.4: the enveloped-signature transform leaves the Signature out of its own digest;
        // a C14N transform after it is written only when it is not the default inclusive one (§4.4.3.2).
        var exclusive = profile.Canonicalization is SignedXml.XmlDsigExcC14NTransformUrl or SignedXml.XmlDsigExcC14NWithCommentsTransformUrl;
        var referenceC14n = exclusive ? Canonicalizer.Create(profile.Canonicalization)! : new XmlDsigC14NTransform();
        var digest = Canonicalizer.Digest(Canonicalizer.Hash(profile.DigestMethod)!.Value, Canonicalizer.Document(signed, referenceC14n));

        var signature = Ds(signed, "Signature");
        signature.SetAttribute("xmlns:ds", Vocabulary.XmlDsig);
        var info = Append(signature, "SignedInfo");
        Append(info, "CanonicalizationMethod").SetAttribute("Algorithm", profile.Canonicalization);
        Append(info, "SignatureMethod").SetAttribute("Algorithm", profile.SignatureMethod);
        var reference = Append(info, "Reference");
        reference.SetAttribute("URI", "");
        var transforms = Append(reference, "Transforms");
        Append(transforms, "Transform").SetAttribute("Algorithm", SignedXml.XmlDsigEnvelopedSignatureTransformUrl);
        if (exclusive)
        {
            Append(transforms, "Transform").SetAttribute("Algorithm", profile.Canonicalization);
        }

        Append(reference, "DigestMethod").SetAttribute("Algorithm", profile.DigestMethod);
        Append(reference, "DigestValue").InnerText = Convert.ToBase64String(digest);
        var value = Append(signature, "SignatureValue");
        var x509 = Append(Append(Append(signature, "KeyInfo"), "X509Data"), "X509Certificate");
        x509.InnerText = Convert.ToBase64String(certificate.RawData);
        root.AppendChild(signature);

        var canonicalInfo = Canonicalizer.Element(info, Canonicalizer.Create(profile.Canonicalization)!);
        value.InnerText = Convert.ToBase64String(
            key.SignData(canonicalInfo, Canonicalizer.Hash(profile.SignatureMethod)!.Value, RSASignaturePadding.Pkcs1));
        return signed;
    }

    /// <summary>Writes, signs and serialises <paramref name="metadata"/> in one step.</summary>
    public static byte[] SignToBytes(ImageMetadata metadata, X509Certificate2 certificate, SignatureProfile? profile = null) =>
        MetadataWriter.ToBytes(Sign(MetadataWriter.Write(metadata), certificate, profile));

    private static XmlElement Ds(XmlDocument document, string name) => document.CreateElement("ds", name, Vocabulary.XmlDsig);

    private static XmlElement Append(XmlElement parent, string name) => (XmlElement)parent.AppendChild(Ds(parent.OwnerDocument, name))!;
}
