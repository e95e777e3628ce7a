using System.Text;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Tests.Wire;

public class JsonParserTests
{
    private static OcciMessage Parse(string json) => JsonParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_ResourceExampleOfGfd225_ReadsKindMixinsAttributesAndLinks()
    {
        var message = Parse("""
            {"kind":"http://schemas.ogf.org/occi/infrastructure#compute",
             "mixins":["http://example.com/occi/infrastructure/os_tpl#debian9"],
             "attributes":{"occi.compute.speed":2,"occi.compute.memory":4.5,"occi":{"compute":{"cores":2}}},
             "id":"urn:uuid:996ad860-2a9a-504f-8861-aeafd0b2ae29","title":"web",
             "links":[{"kind":"http://schemas.ogf.org/occi/infrastructure#networkinterface","id":"n1",
                       "target":{"location":"/network/public","kind":"http://schemas.ogf.org/occi/infrastructure#network"},
                       "source":{"location":"/compute/x"}}]}
            """);

        Assert.Equal(CategoryClass.Kind, message.Categories[0].Class);
        Assert.Equal("http://example.com/occi/infrastructure/os_tpl#debian9", message.Categories[1].Id.Identifier);
        Assert.Equal("4.5", message.Attribute("occi.compute.memory")!.Value.Text);
        Assert.Equal("2", message.Attribute("occi.compute.cores")!.Value.Text);
        Assert.Equal("web", message.Attribute("occi.core.title")!.Value.Text);
        Assert.Equal("/network/public", message.Links.Single().Target);
    }

    [Fact]
    public void Parse_ActionInvocation_ReadsActionAndMethod()
    {
        var message = Parse("""{"action":"http://schemas.ogf.org/occi/infrastructure/compute/action#stop","attributes":{"method":"graceful"}}""");

        Assert.Equal(CategoryClass.Action, message.Categories.Single().Class);
        Assert.Equal("graceful", message.Attribute("method")!.Value.Text);
    }

    [Fact]
    public void Parse_MixinDefinitions_KeepLocation()
    {
        var mixin = Parse("""{"mixins":[{"term":"mine","scheme":"http://example.com/m#","location":"/mine/","title":"Mine"}]}""").Categories.Single();

        Assert.Equal(("/mine/", "Mine"), (mixin.Location, mixin.Title));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"kind\":\"no-hash\"}")]
    [InlineData("{\"kind\":\"http://x#k\",\"attributes\":{\"a.b\":[1]}}")]
    [InlineData("{\"kind\":\"http://x#k\",\"attributes\":[]}")]
    [InlineData("{\"what\":1}")]
    [InlineData("{\"kind\":")]
    public void Parse_Malformed_ThrowsWithReason(string json) =>
        Assert.False(string.IsNullOrEmpty(Assert.Throws<OcciParseException>(() => Parse(json)).Message));

    [Fact]
    public void Parse_DeeplyNested_IsRefused()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);

        Assert.Throws<OcciParseException>(() => Parse("{\"kind\":\"http://x#k\",\"attributes\":" + deep + "}"));
    }
}
