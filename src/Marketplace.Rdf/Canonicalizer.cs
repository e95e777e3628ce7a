using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>
/// Canonical bytes for the two things an enveloped signature covers. We build the input of each
/// C14N ourselves rather than let <see cref="SignedXml"/> do it, because SignedXml carries the
/// ancestors' <c>xml:base</c> into SignedInfo under exclusive C14N too, which Exclusive XML
/// Canonicalization §3 forbids (only C14N 1.0 §2.4 inherits xml:* attributes); StratusLab
/// documents put xml:base on the root, so SignedXml and libxmlsec1 disagreed.
/// </summary>
internal static class Canonicalizer
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>
    /// The whole document without comments (XMLDSig §4.4.3.3: <c>URI=""</c>) and without the
    /// enveloped signature (§6.6.4), canonicalized by <paramref name="c14n"/>.
    /// </summary>
    public static byte[] Document(XmlDocument document, Transform c14n)
    {
        var copy = (XmlDocument)document.CloneNode(deep: true);
        copy.PreserveWhitespace = true;
        foreach (var comment in copy.SelectNodes("//comment()")!.Cast<XmlNode>().ToList())
        {
            comment.ParentNode!.RemoveChild(comment);
        }

        foreach (var signature in copy.DocumentElement!.ChildNodes.OfType<XmlElement>()
                     .Where(e => e.LocalName == "Signature" && e.NamespaceURI == Vocabulary.XmlDsig).ToList())
        {
            copy.DocumentElement.RemoveChild(signature);
        }

        return Run(c14n, copy);
    }

    /// <summary>An element and its subtree as C14N sees it in its place: in-scope namespaces, and for inclusive C14N the inherited xml:* attributes.</summary>
    public static byte[] Element(XmlElement element, Transform c14n)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var copy = (XmlElement)document.ImportNode(element, deep: true);
        document.AppendChild(copy);
        var inherits = c14n is XmlDsigC14NTransform;
        for (var ancestor = element.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (var attribute in ancestor.Attributes.Cast<XmlAttribute>())
            {
                var carried = attribute.NamespaceURI == XmlnsNamespace || (inherits && attribute.Prefix == "xml");
                if (carried && !copy.HasAttribute(attribute.Name))
                {
                    copy.Attributes.Append((XmlAttribute)document.ImportNode(attribute, deep: true));
                }
            }
        }

        return Run(c14n, document);
    }

    /// <summary>A C14N transform for an algorithm URI; null for one we do not accept.</summary>
    public static Transform? Create(string? algorithm) => algorithm switch
    {
        SignedXml.XmlDsigC14NTransformUrl => new XmlDsigC14NTransform(),
        SignedXml.XmlDsigC14NWithCommentsTransformUrl => new XmlDsigC14NWithCommentsTransform(),
        SignedXml.XmlDsigExcC14NTransformUrl => new XmlDsigExcC14NTransform(),
        SignedXml.XmlDsigExcC14NWithCommentsTransformUrl => new XmlDsigExcC14NWithCommentsTransform(),
        _ => null,
    };

    /// <summary>The hash of a digest or signature method URI; null for one we do not accept.</summary>
    public static HashAlgorithmName? Hash(string? algorithm) => algorithm switch
    {
        SignedXml.XmlDsigSHA1Url or SignedXml.XmlDsigRSASHA1Url => HashAlgorithmName.SHA1,
        SignedXml.XmlDsigSHA256Url or SignedXml.XmlDsigRSASHA256Url => HashAlgorithmName.SHA256,
        SignedXml.XmlDsigSHA512Url => HashAlgorithmName.SHA512,
        _ => null,
    };

    public static byte[] Digest(HashAlgorithmName hash, byte[] data) =>
        hash == HashAlgorithmName.SHA1 ? SHA1.HashData(data)
        : hash == HashAlgorithmName.SHA512 ? SHA512.HashData(data)
        : SHA256.HashData(data);

    private static byte[] Run(Transform c14n, XmlDocument input)
    {
        c14n.LoadInput(input);
        using var output = (Stream)c14n.GetOutput(typeof(Stream));
        using var bytes = new MemoryStream();
        output.CopyTo(bytes);
        return bytes.ToArray();
    }
}
