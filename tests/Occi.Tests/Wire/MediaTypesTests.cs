using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Tests.Wire;

public class MediaTypesTests
{
    [Theory]
    [InlineData(null, Rendering.TextPlain)]
    [InlineData("*/*", Rendering.TextPlain)]
    [InlineData("text/occi", Rendering.TextOcci)]
    [InlineData("text/uri-list", Rendering.UriList)]
    [InlineData("application/occi+json", Rendering.OcciJson)]
    [InlineData("application/json", Rendering.Json)]
    [InlineData("text/occi+plain", Rendering.TextPlain)]
    [InlineData("image/png;q=1, application/occi+json;q=0.5, text/occi;q=0.9", Rendering.TextOcci)]
    [InlineData("text/html, application/json", Rendering.Json)]
    public void Negotiate_Accept_ChoosesTheBestServedRendering(string? accept, Rendering expected) =>
        Assert.Equal(expected, MediaTypes.Negotiate(accept));

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/xml, text/html")]
    [InlineData("text/occi;q=0")]
    public void Negotiate_NothingServed_IsNull(string accept) => Assert.Null(MediaTypes.Negotiate(accept));

    [Fact]
    public void OfContent_Parameters_AreIgnored()
    {
        Assert.Equal(Rendering.TextPlain, MediaTypes.OfContent("text/plain; charset=utf-8"));
        Assert.Null(MediaTypes.OfContent("application/xml"));
    }
}
