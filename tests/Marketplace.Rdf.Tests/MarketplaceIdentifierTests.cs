using StandardsCloud.Marketplace.Rdf.Tests.Support;

namespace StandardsCloud.Marketplace.Rdf.Tests;

public sealed class MarketplaceIdentifierTests
{
    [Theory]
    [InlineData(MarketplaceVectors.Sha1, MarketplaceVectors.Identifier)]
    [InlineData("c319bbd5afc0a22ba3eaed0507c39383ec28eeff", "MMZu9WvwKIro-rtBQfDk4PsKO7_")]
    [InlineData("0000000000000000000000000000000000000001", "AAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("00000000000000000000000000000000000000ff", "AAAAAAAAAAAAAAAAAAAAAAAAAD_")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffff", "P__________________________")]
    public void FromSha1_SharedVector_GivesItsIdentifier(string sha1, string identifier)
    {
        Assert.Equal(identifier, MarketplaceIdentifier.FromSha1(sha1));
        Assert.Equal(sha1, MarketplaceIdentifier.ToSha1(identifier));
    }

    [Fact]
    public void FromSha1_NotBase64UrlOfTheBytes()
    {
        var base64Url = Convert.ToBase64String(Convert.FromHexString(MarketplaceVectors.Sha1)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.NotEqual(base64Url, MarketplaceIdentifier.FromSha1(MarketplaceVectors.Sha1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a1cca882a3d01a8dc1a538828d6a69b4ec08aab")]
    [InlineData("g1cca882a3d01a8dc1a538828d6a69b4ec08aab0")]
    public void FromSha1_NotASha1_GivesNull(string text) => Assert.Null(MarketplaceIdentifier.FromSha1(text));

    [Theory]
    [InlineData("QAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("KHMqIKj0BqNwaU4go1qabTsCKq")]
    [InlineData("KHMqIKj0BqNwaU4go1qabTsCKq+")]
    public void IsWellFormed_OutOfRangeOrWrongAlphabet_False(string identifier)
    {
        Assert.False(MarketplaceIdentifier.IsWellFormed(identifier));
        Assert.Null(MarketplaceIdentifier.ToSha1(identifier));
    }
}
