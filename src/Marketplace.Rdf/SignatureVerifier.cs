using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>
/// Checks a signed metadata document: one enveloped signature over the whole document, an RSA
/// signature method we accept, a signing certificate in KeyInfo whose key verifies it, and an
/// endorser that names that certificate. Trust in the certificate is <see cref="EndorserTrust"/>'s
/// concern. <see cref="SignedXml"/> only parses the Signature element; the digest and the
/// signature are checked here over <see cref="Canonicalizer"/>'s output, digests in fixed time.
/// </summary>
public static class SignatureVerifier
{
    public static RdfOutcome<SignedMetadata> Verify(byte[] bytes, XmlLimits? limits = null)
    {
        var loaded = SafeXml.Load(bytes, limits);
        return loaded.IsOk ? Verify(loaded.Value!) : RdfOutcome<SignedMetadata>.Fail(loaded.Problems);
    }

    public static RdfOutcome<SignedMetadata> Verify(XmlDocument document)
    {
        var root = document.DocumentElement;
        if (root is null)
        {
            return RdfOutcome<SignedMetadata>.Fail("the document has no root element");
        }

        var signatures = document.GetElementsByTagName("Signature", Vocabulary.XmlDsig).OfType<XmlElement>().ToList();
        if (signatures.Count == 0)
        {
            return RdfOutcome<SignedMetadata>.Fail("the document is not signed (no ds:Signature)");
        }

        // One signature, a child of the root: anything else invites signature-wrapping tricks.
        if (signatures.Count > 1 || signatures[0].ParentNode != root)
        {
            return RdfOutcome<SignedMetadata>.Fail("exactly one ds:Signature is allowed, as a child of the root element");
        }

        var signed = new SignedXml(document);
        try
        {
            signed.LoadXml(signatures[0]);
        }
        catch (CryptographicException e)
        {
            return RdfOutcome<SignedMetadata>.Fail($"ds:Signature is malformed: {e.Message}");
        }

        var shape = CheckShape(signed);
        if (shape is not null)
        {
            return RdfOutcome<SignedMetadata>.Fail(shape);
        }

        var certificates = Certificates(signatures[0]);
        if (!certificates.IsOk)
        {
            return RdfOutcome<SignedMetadata>.Fail(certificates.Problems);
        }

        var reference = (Reference)signed.SignedInfo!.References[0]!;
        var referenceC14n = reference.TransformChain.Count == 2 ? reference.TransformChain[1] : new XmlDsigC14NTransform();
        var digest = Canonicalizer.Digest(Canonicalizer.Hash(reference.DigestMethod)!.Value, Canonicalizer.Document(document, referenceC14n));
        if (reference.DigestValue is null || !CryptographicOperations.FixedTimeEquals(digest, reference.DigestValue))
        {
            return RdfOutcome<SignedMetadata>.Fail("the signature does not verify: the digest of the document differs, so the signed content was changed");
        }

        var signedInfo = signatures[0].ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "SignedInfo" && e.NamespaceURI == Vocabulary.XmlDsig);
        var canonicalInfo = Canonicalizer.Element(signedInfo, signed.SignedInfo.CanonicalizationMethodObject);
        var hash = Canonicalizer.Hash(signed.SignedInfo.SignatureMethod)!.Value;
        var signer = certificates.Value!.FirstOrDefault(c => Verifies(canonicalInfo, signed.SignatureValue, hash, c));
        if (signer is null)
        {
            return RdfOutcome<SignedMetadata>.Fail("the signature does not verify: SignedInfo or the signature value was changed, or KeyInfo holds the wrong certificate");
        }

        var metadata = MetadataReader.Read(document);
        if (!metadata.IsOk)
        {
            return RdfOutcome<SignedMetadata>.Fail(metadata.Problems);
        }

        var endorser = EndorserCheck.Problems(metadata.Value!.Endorsement.Endorser, signer);
        return endorser.Count > 0
            ? RdfOutcome<SignedMetadata>.Fail(endorser)
            : RdfOutcome<SignedMetadata>.Ok(new SignedMetadata(
                metadata.Value, signer, [.. certificates.Value!.Where(c => c != signer)],
                signed.SignedInfo!.SignatureMethod!, signed.SignedInfo.CanonicalizationMethod));
    }

    private static string? CheckShape(SignedXml signed)
    {
        var info = signed.SignedInfo!;
        if (info.SignatureMethod is null || !SignatureProfile.VerifiableMethods.Contains(info.SignatureMethod))
        {
            return $"signature method '{info.SignatureMethod}' is not accepted (rsa-sha1 or rsa-sha256)";
        }

        if (!SignatureProfile.Canonicalizations.Contains(info.CanonicalizationMethod))
        {
            return $"canonicalization method '{info.CanonicalizationMethod}' is not accepted (inclusive or exclusive C14N)";
        }

        if (info.References.Count != 1 || info.References[0] is not Reference reference || reference.Uri != "")
        {
            return "the signature must hold exactly one Reference, with URI=\"\" (the whole document)";
        }

        if (reference.DigestMethod is null || !SignatureProfile.VerifiableDigests.Contains(reference.DigestMethod))
        {
            return $"digest method '{reference.DigestMethod}' is not accepted (sha1, sha256, sha512)";
        }

        var transforms = new List<string?>();
        for (var i = 0; i < reference.TransformChain.Count; i++)
        {
            transforms.Add(reference.TransformChain[i].Algorithm);
        }

        if (transforms.Count is 0 or > 2 || transforms[0] != SignedXml.XmlDsigEnvelopedSignatureTransformUrl
            || (transforms.Count == 2 && !SignatureProfile.Canonicalizations.Contains(transforms[1]!)))
        {
            return "the reference's transforms must be the enveloped-signature transform, optionally followed by a C14N";
        }

        return null;
    }

    private static RdfOutcome<IReadOnlyList<X509Certificate2>> Certificates(XmlElement signature)
    {
        var manager = new XmlNamespaceManager(signature.OwnerDocument.NameTable);
        manager.AddNamespace("ds", Vocabulary.XmlDsig);
        var found = new List<X509Certificate2>();
        foreach (var node in signature.SelectNodes("ds:KeyInfo/ds:X509Data/ds:X509Certificate", manager)!.OfType<XmlElement>())
        {
            try
            {
                found.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(node.InnerText.Trim())));
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                return RdfOutcome<IReadOnlyList<X509Certificate2>>.Fail($"ds:X509Certificate is not a certificate: {e.Message}");
            }
        }

        return found.Count == 0
            ? RdfOutcome<IReadOnlyList<X509Certificate2>>.Fail("ds:KeyInfo must carry the signing certificate in ds:X509Data/ds:X509Certificate")
            : RdfOutcome<IReadOnlyList<X509Certificate2>>.Ok(found);
    }

    private static bool Verifies(byte[] canonicalInfo, byte[]? signature, HashAlgorithmName hash, X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPublicKey();
        try
        {
            return key is not null && signature is not null && key.VerifyData(canonicalInfo, signature, hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
