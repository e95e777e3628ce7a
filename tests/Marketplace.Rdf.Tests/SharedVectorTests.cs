using System.Security.Cryptography.Xml;
using System.Text;
using StandardsCloud.Marketplace.Rdf.Tests.Support;

namespace StandardsCloud.Marketplace.Rdf.Tests;

/// <summary>Documents signed by xmlsec1 (an independent implementation) must verify here, and stop verifying after any change.</summary>
public sealed class SharedVectorTests
{
    [Theory]
    [InlineData(MarketplaceVectors.LegacySigned, SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigC14NWithCommentsTransformUrl)]
    [InlineData(MarketplaceVectors.ExclusiveSigned, SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigExcC14NTransformUrl)]
    public void Verify_SharedSignedDocument_Verifies(string file, string method, string canonicalization)
    {
        var result = SignatureVerifier.Verify(MarketplaceVectors.Bytes(file));

        Assert.True(result.IsOk, result.Reason);
        var signed = result.Value!;
        Assert.Equal(method, signed.SignatureMethod);
        Assert.Equal(canonicalization, signed.Canonicalization);
        Assert.Equal(MarketplaceVectors.Identifier, signed.Metadata.Identifier);
        Assert.Equal(MarketplaceVectors.Sha1, signed.Metadata.Sha1);
        Assert.Equal(MarketplaceVectors.Email, signed.Metadata.Email);
        Assert.Equal(MarketplaceVectors.Subject, signed.Metadata.Endorsement.Endorser.Subject);
        Assert.Equal(65536, signed.Metadata.Bytes);
        Assert.Equal(["tiny"], signed.Metadata.Tags);
    }

    /// <summary>
    /// Every letter and digit from the root's start tag to the signature is signed content (names,
    /// attribute values, text); changing any one must make verification fail.
    /// </summary>
    [Theory]
    [InlineData(MarketplaceVectors.LegacySigned)]
    [InlineData(MarketplaceVectors.ExclusiveSigned)]
    public void Verify_AnySignedCharacterChanged_Fails(string file)
    {
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(file));
        var start = text.IndexOf("<rdf:RDF", StringComparison.Ordinal);
        var end = text.IndexOf("<ds:Signature", StringComparison.Ordinal);
        var changed = 0;
        for (var i = start; i < end; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                continue;
            }

            var replacement = text[i] == 'x' ? 'y' : 'x';
            var tampered = string.Concat(text.AsSpan(0, i), replacement.ToString(), text.AsSpan(i + 1));
            Assert.False(SignatureVerifier.Verify(Encoding.UTF8.GetBytes(tampered)).IsOk, $"a change at offset {i} still verified");
            changed++;
        }

        Assert.True(changed > 1000);
    }

    [Fact]
    public void Verify_ChangedText_SaysTheSignatureDoesNotVerify()
    {
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(MarketplaceVectors.ExclusiveSigned))
            .Replace("<slterms:os-arch>x86_64</slterms:os-arch>", "<slterms:os-arch>aarch64</slterms:os-arch>", StringComparison.Ordinal);

        var result = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(text));

        Assert.False(result.IsOk);
        Assert.Contains("does not verify", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureValueChanged_Fails()
    {
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(MarketplaceVectors.LegacySigned))
            .Replace("<ds:SignatureValue>sQ8G", "<ds:SignatureValue>sQ8H", StringComparison.Ordinal);

        Assert.False(SignatureVerifier.Verify(Encoding.UTF8.GetBytes(text)).IsOk);
    }

    [Fact]
    public void Verify_CertificateSwapped_Fails()
    {
        var other = TestEndorsers.SelfSigned(MarketplaceVectors.Email);
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(MarketplaceVectors.ExclusiveSigned));
        var start = text.IndexOf("<ds:X509Certificate>", StringComparison.Ordinal) + "<ds:X509Certificate>".Length;
        var end = text.IndexOf("</ds:X509Certificate>", StringComparison.Ordinal);
        var swapped = string.Concat(text.AsSpan(0, start), Convert.ToBase64String(other.RawData), text.AsSpan(end));

        var result = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(swapped));

        Assert.False(result.IsOk);
        Assert.Contains("does not verify", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnsignedDocument_SaysItIsNotSigned()
    {
        var result = SignatureVerifier.Verify(MarketplaceVectors.Unsigned);

        Assert.False(result.IsOk);
        Assert.Contains("not signed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CommentAdded_StillVerifies()
    {
        // XMLDSig §4.4.3.3: URI="" selects the document without comments, so a comment is not signed content.
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(MarketplaceVectors.LegacySigned))
            .Replace("<dcterms:type>", "<!-- note --><dcterms:type>", StringComparison.Ordinal);

        Assert.True(SignatureVerifier.Verify(Encoding.UTF8.GetBytes(text)).IsOk);
    }
}
