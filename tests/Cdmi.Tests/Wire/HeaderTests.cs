using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class HeaderTests
{
    [Theory]
    [InlineData("1.1.1", "1.1.1")]
    [InlineData("1.0.2", "1.0.2")]
    [InlineData("1.0.2, 1.1", "1.1")]
    [InlineData("1.1, 1.1.1, 1.0.2", "1.1.1")]
    [InlineData("2.0, 1.0.2", "1.0.2")]
    public void Negotiate_CommonVersion_IsTheHighest(string offered, string chosen)
    {
        Assert.Equal(chosen, CdmiVersions.Negotiate(offered));
    }

    [Theory]
    [InlineData("1.0.1")]
    [InlineData("2.0")]
    [InlineData(",,,")]
    public void Negotiate_NoCommonVersion_IsNull(string offered)
    {
        Assert.Null(CdmiVersions.Negotiate(offered));
    }

    [Theory]
    [InlineData("application/cdmi-object", CdmiMediaType.Object)]
    [InlineData("application/cdmi-container+json", CdmiMediaType.Container)]
    [InlineData("Application/CDMI-Capability; charset=utf-8", CdmiMediaType.Capability)]
    [InlineData("application/cdmi-queue", CdmiMediaType.Queue)]
    [InlineData("application/cdmi-domain", CdmiMediaType.Domain)]
    [InlineData("text/plain", CdmiMediaType.Other)]
    [InlineData("*/*", CdmiMediaType.Any)]
    [InlineData(null, CdmiMediaType.None)]
    public void Parse_MediaTypes_AreRecognised(string? text, CdmiMediaType type)
    {
        Assert.Equal(type, CdmiMediaTypes.Parse(text));
    }

    [Fact]
    public void Accepts_OtherCdmiType_IsFalse()
    {
        Assert.False(CdmiMediaTypes.Accepts("application/cdmi-container", CdmiMediaType.Object));
        Assert.True(CdmiMediaTypes.Accepts("text/html, */*", CdmiMediaType.Object));
        Assert.True(CdmiMediaTypes.Accepts(null, CdmiMediaType.Object));
    }

    [Theory]
    [InlineData("bytes=0-4", 10, 0, 4)]
    [InlineData("bytes=6-", 10, 6, 9)]
    [InlineData("bytes=-3", 10, 7, 9)]
    [InlineData("bytes=5-100", 10, 5, 9)]
    public void ReadRange_OneRange_IsClippedToTheValue(string header, long size, long first, long last)
    {
        var (range, unsatisfiable) = HttpByteRanges.ReadRange(header, size);

        Assert.False(unsatisfiable);
        Assert.Equal(new WireRange(first, last), range);
    }

    [Fact]
    public void ReadRange_StartPastTheEnd_IsUnsatisfiable()
    {
        Assert.True(HttpByteRanges.ReadRange("bytes=10-20", 10).Unsatisfiable);
    }

    [Theory]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("items=0-1")]
    [InlineData("bytes=x-y")]
    public void ReadRange_SeveralOrMalformed_ServesTheWholeValue(string header)
    {
        Assert.Equal((null, false), HttpByteRanges.ReadRange(header, 10));
    }

    [Theory]
    [InlineData("bytes 0-4/10", 0, 4)]
    [InlineData("bytes 5-9/*", 5, 9)]
    public void ReadContentRange_Good_IsRead(string header, long first, long last)
    {
        Assert.Equal(new WireRange(first, last), HttpByteRanges.ReadContentRange(header));
    }

    [Theory]
    [InlineData("bytes 4-0/10")]
    [InlineData("bytes 0-4")]
    [InlineData("0-4/10")]
    [InlineData("bytes 0-4/x")]
    public void ReadContentRange_Malformed_IsNull(string header)
    {
        Assert.Null(HttpByteRanges.ReadContentRange(header));
    }
}
