using System.Security.Cryptography.Xml;
using System.Text;
using StandardsCloud.Marketplace.Rdf.Tests.Support;

namespace StandardsCloud.Marketplace.Rdf.Tests;

public sealed class SigningTests
{
    public static TheoryData<string> Profiles => new() { "default", "exclusive", "legacy" };

    private static SignatureProfile Profile(string name) => name switch
    {
        "exclusive" => SignatureProfile.Exclusive,
        "legacy" => SignatureProfile.Legacy,
        _ => SignatureProfile.Default,
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Sign_ThenVerify_RoundTrips(string profile)
    {
        var certificate = TestEndorsers.SelfSigned("sam.signer@example.org");
        var metadata = TestEndorsers.MetadataFor(certificate);

        var result = SignatureVerifier.Verify(MetadataSigner.SignToBytes(metadata, certificate, Profile(profile)));

        Assert.True(result.IsOk, result.Reason);
        Assert.Equal(Profile(profile).SignatureMethod, result.Value!.SignatureMethod);
        Assert.Equal("sam.signer@example.org", result.Value.Metadata.Email);
        Assert.Equal("CN=Sam Signer,OU=Tests,O=Example,C=EU", result.Value.Metadata.Endorsement.Endorser.Subject);
    }

    [Fact]
    public void Sign_ByDefault_UsesRsaSha256()
    {
        var certificate = TestEndorsers.SelfSigned("sam.signer@example.org");

        var text = Encoding.UTF8.GetString(MetadataSigner.SignToBytes(TestEndorsers.MetadataFor(certificate), certificate));

        Assert.Contains(SignedXml.XmlDsigRSASHA256Url, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Sign_VerifiedByXmlsec1(string profile)
    {
        var signed = MetadataSigner.SignToBytes(MetadataReader.Read(MarketplaceVectors.Unsigned).Value!, MarketplaceVectors.EndorserWithKey(), Profile(profile));

        var (exitCode, output) = await Xmlsec.VerifyAsync(signed, MarketplaceVectors.PathOf("endorser-cert.pem"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ChangedAfterSigning_RefusedByXmlsec1AndByUs()
    {
        var signed = Encoding.UTF8.GetString(MetadataSigner.SignToBytes(MetadataReader.Read(MarketplaceVectors.Unsigned).Value!, MarketplaceVectors.EndorserWithKey()));
        var tampered = Encoding.UTF8.GetBytes(signed.Replace("<slreq:bytes>65536<", "<slreq:bytes>65537<", StringComparison.Ordinal));

        var (exitCode, _) = await Xmlsec.VerifyAsync(tampered, MarketplaceVectors.PathOf("endorser-cert.pem"));

        Assert.NotEqual(0, exitCode);
        Assert.False(SignatureVerifier.Verify(tampered).IsOk);
    }

    [Fact]
    public void Verify_EndorserNotTheSigner_RefusedWithReason()
    {
        var certificate = TestEndorsers.SelfSigned("sam.signer@example.org");
        var metadata = TestEndorsers.MetadataFor(certificate, m => m with
        {
            Endorsement = m.Endorsement with { Endorser = m.Endorsement.Endorser with { Email = "someone.else@example.org", Subject = "CN=Someone Else" } },
        });

        var result = SignatureVerifier.Verify(MetadataSigner.SignToBytes(metadata, certificate));

        Assert.False(result.IsOk);
        Assert.Contains("slreq:email is 'someone.else@example.org' but the signing certificate's email is 'sam.signer@example.org'", result.Problems);
        Assert.Contains("slreq:subject is 'CN=Someone Else' but the signing certificate's subject is 'CN=Sam Signer,OU=Tests,O=Example,C=EU'", result.Problems);
    }

    [Fact]
    public void Verify_SecondDescriptionWrappedIn_Refused()
    {
        var certificate = TestEndorsers.SelfSigned("sam.signer@example.org");
        var text = Encoding.UTF8.GetString(MetadataSigner.SignToBytes(TestEndorsers.MetadataFor(certificate), certificate));
        var extra = "<rdf:Description rdf:about=\"#AAAAAAAAAAAAAAAAAAAAAAAAAAB\"><dcterms:identifier>AAAAAAAAAAAAAAAAAAAAAAAAAAB</dcterms:identifier></rdf:Description>";
        var wrapped = text.Replace("</rdf:RDF>", extra + "</rdf:RDF>", StringComparison.Ordinal);

        Assert.False(SignatureVerifier.Verify(Encoding.UTF8.GetBytes(wrapped)).IsOk);
    }

    [Fact]
    public void Verify_SignatureMovedIntoDescription_Refused()
    {
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(MarketplaceVectors.ExclusiveSigned));
        var start = text.IndexOf("<ds:Signature", StringComparison.Ordinal);
        var end = text.IndexOf("</ds:Signature>", StringComparison.Ordinal) + "</ds:Signature>".Length;
        var signature = text[start..end];
        var moved = text.Remove(start, end - start).Replace("</rdf:Description>", signature + "</rdf:Description>", StringComparison.Ordinal);

        var result = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(moved));

        Assert.False(result.IsOk);
        Assert.Contains("child of the root", result.Reason, StringComparison.Ordinal);
    }
}
