using System.Text;
using StandardsCloud.Marketplace.Rdf.Tests.Support;

namespace StandardsCloud.Marketplace.Rdf.Tests;

public sealed class MetadataReaderTests
{
    private static string Unsigned => Encoding.UTF8.GetString(MarketplaceVectors.Unsigned);

    private static RdfOutcome<ImageMetadata> Read(string text) => MetadataReader.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_SharedMetadata_ReadsEveryField()
    {
        var metadata = Read(Unsigned).Value!;

        Assert.Equal(MarketplaceVectors.Identifier, metadata.Identifier);
        Assert.Equal("machine", metadata.Type);
        Assert.Equal(2, metadata.Checksums.Count);
        Assert.Equal(new DateTimeOffset(2036, 11, 26, 4, 0, 0, TimeSpan.Zero), metadata.Valid);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero), metadata.Endorsement.Created);
        Assert.Equal("busybox", metadata.Os);
        Assert.Equal("x86_64", metadata.OsArch);
        Assert.Equal("1.35", metadata.OsVersion);
        Assert.Equal("kvm", metadata.Hypervisor);
        Assert.Equal("raw", metadata.Format);
        Assert.Equal(["http://127.0.0.1:8080/images/tiny-image.raw"], metadata.Locations);
        Assert.Null(metadata.Deprecated);
        Assert.Empty(metadata.Extensions);
    }

    [Fact]
    public void Write_ThenRead_KeepsEverythingIncludingUnknownElements()
    {
        var extended = Unsigned.Replace("</rdf:Description>", "<ex:other xmlns:ex=\"http://example.org/\">more</ex:other><slterms:serial-number>3</slterms:serial-number></rdf:Description>", StringComparison.Ordinal);
        var first = Read(extended).Value!;

        var again = MetadataReader.Read(MetadataWriter.ToBytes(MetadataWriter.Write(first)));

        Assert.True(again.IsOk, again.Reason);
        Assert.Equal(2, again.Value!.Extensions.Count);
        Assert.Contains("more</ex:other>", again.Value.Extensions[0], StringComparison.Ordinal);
        Assert.Equivalent(first, again.Value, strict: true);
    }

    [Fact]
    public void Read_IdentifierNotOfTheSha1_RefusedWithBoth()
    {
        var text = Unsigned.Replace("a1cca882a3d01a8dc1a538828d6a69b4ec08aab0", "a1cca882a3d01a8dc1a538828d6a69b4ec08aab1", StringComparison.Ordinal);

        var result = Read(text);

        Assert.False(result.IsOk);
        Assert.Contains("the SHA-1 a1cca882a3d01a8dc1a538828d6a69b4ec08aab1 gives", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AboutDiffersFromIdentifier_Refused()
    {
        var result = Read(Unsigned.Replace("rdf:about=\"#KHMq", "rdf:about=\"#LHMq", StringComparison.Ordinal));

        Assert.False(result.IsOk);
        Assert.Contains("rdf:about is '#LHMqIKj0BqNwaU4go1qabTsCKqw' but must be '#KHMqIKj0BqNwaU4go1qabTsCKqw'", result.Problems);
    }

    [Fact]
    public void Read_TwoSha1Checksums_Refused()
    {
        var second = "<slreq:checksum rdf:parseType=\"Resource\"><slreq:algorithm>SHA-1</slreq:algorithm><slreq:value>0000000000000000000000000000000000000001</slreq:value></slreq:checksum>";

        var result = Read(Unsigned.Replace("<slreq:endorsement", second + "<slreq:endorsement", StringComparison.Ordinal));

        Assert.Contains("more than one SHA-1 checksum", result.Problems);
    }

    [Theory]
    [InlineData("<dcterms:identifier>KHMqIKj0BqNwaU4go1qabTsCKqw</dcterms:identifier>", "", "dcterms:identifier is required")]
    [InlineData("<slreq:bytes>65536</slreq:bytes>", "<slreq:bytes>-1</slreq:bytes>", "slreq:bytes must be a positive integer")]
    [InlineData("<dcterms:type>machine</dcterms:type>", "<dcterms:type>vm</dcterms:type>", "dcterms:type must be 'machine' or 'disk'")]
    [InlineData("<dcterms:valid>2036-11-26T04:00:00Z</dcterms:valid>", "<dcterms:valid>2036-11-26</dcterms:valid>", "is not a date of the form yyyy-MM-ddTHH:mm:ssZ")]
    [InlineData("<slreq:email>jane.tester@example.org</slreq:email>", "", "slreq:email is required")]
    [InlineData("<slreq:algorithm>SHA-256</slreq:algorithm>", "<slreq:algorithm>CRC32</slreq:algorithm>", "is not one of MD5, SHA-1, SHA-256, SHA-512")]
    [InlineData("a1cca882a3d01a8dc1a538828d6a69b4ec08aab0<", "A1CCA882A3D01A8DC1A538828D6A69B4EC08AAB0<", "lowercase hex digits")]
    [InlineData("<dcterms:title>tiny-test-image</dcterms:title>", "<dcterms:title>a</dcterms:title><dcterms:title>b</dcterms:title>", "dcterms:title may appear only once")]
    public void Read_Malformed_SaysWhatIsWrong(string find, string replace, string reason)
    {
        var result = Read(Unsigned.Replace(find, replace, StringComparison.Ordinal));

        Assert.False(result.IsOk);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RootNotRdf_Refused()
    {
        var result = Read("<root/>");

        Assert.Contains("the root element must be rdf:RDF", result.Reason, StringComparison.Ordinal);
    }
}
