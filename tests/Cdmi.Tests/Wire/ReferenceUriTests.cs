using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class ReferenceUriTests
{
    [Theory]
    [InlineData("/a/b")]
    [InlineData("/a/b/")]
    [InlineData("/cdmi_objectid/00006FFD00104D5C1A3C4B3F6F8E2B01/")]
    [InlineData("http://cloud.example.com/a")]
    [InlineData("https://cloud.example.com/a/")]
    public void IsWellFormed_PathsAndHttpUris_AreAccepted(string target) => Assert.True(ReferenceUri.IsWellFormed(target));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("//host/a")]
    [InlineData("ftp://cloud.example.com/a/")]
    [InlineData("/a\r\nSet-Cookie: x=y")]
    [InlineData("/a b")]
    public void IsWellFormed_OtherText_IsRefused(string target) => Assert.False(ReferenceUri.IsWellFormed(target));

    [Fact]
    public void IsWellFormed_OverTheLengthLimit_IsRefused() =>
        Assert.False(ReferenceUri.IsWellFormed("/" + new string('a', ReferenceUri.MaxLength)));

    // CDMI 1.1.1 §9.1: a container's URI ends with '/'.
    [Theory]
    [InlineData("/a/b/", true)]
    [InlineData("/", true)]
    [InlineData("/a/b/?children", true)]
    [InlineData("https://cloud.example.com/a/", true)]
    [InlineData("https://cloud.example.com", true)]
    [InlineData("https://cloud.example.com/a/?metadata", true)]
    [InlineData("/a/b", false)]
    [InlineData("/a/b?x/", false)]
    [InlineData("https://cloud.example.com/a", false)]
    [InlineData("https://cloud.example.com/a#frag/", false)]
    public void NamesContainer_LooksAtThePathOnly(string target, bool expected) => Assert.Equal(expected, ReferenceUri.NamesContainer(target));
}
