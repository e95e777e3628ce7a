using System.Text;
using StandardsCloud.Marketplace.Rdf.Tests.Support;

namespace StandardsCloud.Marketplace.Rdf.Tests;

public sealed class HostileXmlTests
{
    private static RdfOutcome<SignedMetadata> Verify(string text, XmlLimits? limits = null) =>
        SignatureVerifier.Verify(Encoding.UTF8.GetBytes(text), limits);

    [Fact]
    public void Load_EntityExpansion_RefusedAsDtd()
    {
        var laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&lol3;</rdf:RDF>
            """;

        var result = Verify(laughs);

        Assert.False(result.IsOk);
        Assert.Contains("DTD is not allowed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExternalEntity_RefusedAndNothingRead()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var text = $"""
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>&x;</rdf:Description></rdf:RDF>
                """;

            var result = Verify(text);

            Assert.False(result.IsOk);
            Assert.DoesNotContain("SECRET-CONTENT", result.Reason, StringComparison.Ordinal);
            Assert.Contains("DTD", result.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Load_TooLarge_RefusedWithTheLimit()
    {
        var result = SignatureVerifier.Verify(new byte[300_000]);

        Assert.False(result.IsOk);
        Assert.Contains("at most 262144", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooDeep_Refused()
    {
        var text = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" + string.Concat(Enumerable.Repeat("<a>", 100))
            + string.Concat(Enumerable.Repeat("</a>", 100)) + "</rdf:RDF>";

        var result = Verify(text);

        Assert.False(result.IsOk);
        Assert.Contains("nested more than 32 deep", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooManyElements_Refused()
    {
        var text = "<r>" + string.Concat(Enumerable.Repeat("<a/>", 6000)) + "</r>";

        var result = Verify(text);

        Assert.False(result.IsOk);
        Assert.Contains("more than 5000 elements", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<rdf:RDF")]
    [InlineData("<a></b>")]
    [InlineData("\u0000\u0001")]
    public void Load_NotWellFormed_SaysSo(string text)
    {
        var result = Verify(text);

        Assert.False(result.IsOk);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Verify_SignatureMethodHmac_Refused()
    {
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(MarketplaceVectors.ExclusiveSigned))
            .Replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#hmac-sha1", StringComparison.Ordinal);

        var result = Verify(text);

        Assert.False(result.IsOk);
        Assert.Contains("is not accepted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ReferenceToOtherUri_Refused()
    {
        var text = Encoding.UTF8.GetString(MarketplaceVectors.Bytes(MarketplaceVectors.ExclusiveSigned))
            .Replace("<ds:Reference URI=\"\">", "<ds:Reference URI=\"http://example.org/other\">", StringComparison.Ordinal);

        var result = Verify(text);

        Assert.False(result.IsOk);
        Assert.Contains("URI=\"\"", result.Reason, StringComparison.Ordinal);
    }
}
