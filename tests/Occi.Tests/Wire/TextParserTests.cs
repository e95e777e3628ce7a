using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Tests.Wire;

public class TextParserTests
{
    private static OcciMessage Headers(params (string, string)[] fields) => TextParser.Parse(fields);

    [Fact]
    public void Parse_EscapedQuoteAndCommaInsideValue_KeepOneAttributeAndTheNextOne()
    {
        // The OGF 1.1 suite's own case: the comma and quote inside the title must not split it.
        var message = Headers(("X-OCCI-Attribute", "occi.compute.memory=3.6, occi.core.title=\"How's your quotes escaping? \\\", occi.compute.memory=1.0\""));

        Assert.Equal(2, message.Attributes.Count);
        Assert.Equal("3.6", message.Attribute("occi.compute.memory")!.Value.Text);
        Assert.Equal("How's your quotes escaping? \", occi.compute.memory=1.0", message.Attribute("occi.core.title")!.Value.Text);
    }

    [Theory]
    [InlineData("occi.compute.speed=0.1", AttributeType.Number, "0.1")]
    [InlineData("occi.compute.cores=2", AttributeType.Number, "2")]
    [InlineData("occi.compute.speed=.5", AttributeType.Number, ".5")]
    [InlineData("example.flag=true", AttributeType.Boolean, "true")]
    [InlineData("occi.core.title=\"a \\\\ b\"", AttributeType.String, "a \\ b")]
    [InlineData("occi.compute.state=active", AttributeType.String, "active")]
    public void Parse_AttributeValues_KeepTheirType(string field, AttributeType type, string text)
    {
        var value = Headers(("X-OCCI-Attribute", field)).Attributes.Single().Value;

        Assert.Equal(type, value.Type);
        Assert.Equal(text, value.Text);
        if (type == AttributeType.Number)
        {
            Assert.NotNull(value.AsNumber);
        }
    }

    [Fact]
    public void Parse_CategoriesCommaJoinedAndRepeated_ReadsEach()
    {
        var message = Headers(
            ("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\", small;scheme=\"http://example.com/tpl#\";class=mixin"),
            ("Category", "start; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\";"));

        Assert.Equal(["http://schemas.ogf.org/occi/infrastructure#compute", "http://example.com/tpl#small", "http://schemas.ogf.org/occi/infrastructure/compute/action#start"],
            message.Categories.Select(c => c.Id.Identifier));
        Assert.Equal([CategoryClass.Kind, CategoryClass.Mixin, null], message.Categories.Select(c => c.Class));
    }

    [Fact]
    public void Parse_UserMixinDefinition_KeepsTitleRelAndLocation()
    {
        var category = Headers(("Category", "my_stuff; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\"; title=\"Mine; all\"; rel=\"http://example.com/occi/something_else#mixin\"; location=\"/my_stuff/\"")).Categories.Single();

        Assert.Equal("Mine; all", category.Title);
        Assert.Equal("http://example.com/occi/something_else#mixin", category.Rel);
        Assert.Equal("/my_stuff/", category.Location);
    }

    [Fact]
    public void Parse_InlineLinkWithAttributes_ReadsTargetCategoryAndAttributes()
    {
        var link = Headers(("Link", "</network/public>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\"; occi.networkinterface.interface=\"eth1\"")).Links.Single();

        Assert.Equal("/network/public", link.Target);
        Assert.Equal("http://schemas.ogf.org/occi/infrastructure#networkinterface", link.Category!.Value.Identifier);
        Assert.Equal("eth1", link.Attributes.Single().Value.Text);
    }

    [Fact]
    public void ParseBody_PlainLines_ReadsSameAsHeaders()
    {
        var message = TextParser.ParseBody("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\r\nX-OCCI-Attribute: occi.compute.cores=2\r\nX-OCCI-Location: http://h/compute/a\r\n\r\n");

        Assert.Single(message.Categories);
        Assert.Equal("2", message.Attribute("occi.compute.cores")!.Value.Text);
        Assert.Equal(["http://h/compute/a"], message.Locations);
    }

    [Theory]
    [InlineData("Category", "compute")]
    [InlineData("Category", "compute; scheme=\"http://x\"")]
    [InlineData("Category", "Com pute; scheme=\"http://x#\"")]
    [InlineData("Category", "compute; scheme=\"http://x#\"; class=\"thing\"")]
    [InlineData("X-OCCI-Attribute", "occi.core.title=\"unclosed")]
    [InlineData("X-OCCI-Attribute", "no value here")]
    [InlineData("X-OCCI-Attribute", "1bad=2")]
    [InlineData("Link", "/network/x; rel=\"a#b\"")]
    public void Parse_Malformed_ThrowsWithReadableReason(string field, string value)
    {
        var e = Assert.Throws<OcciParseException>(() => Headers((field, value)));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void Parse_TooManyValues_IsRefused()
    {
        var many = string.Join(", ", Enumerable.Range(0, TextParser.MaxValues + 1).Select(i => $"a.b{i}=1"));

        Assert.Throws<OcciParseException>(() => Headers(("X-OCCI-Attribute", many)));
    }

    [Fact]
    public void ParseBody_LineWithoutColon_NamesTheLine()
    {
        var e = Assert.Throws<OcciParseException>(() => TextParser.ParseBody("Category: compute; scheme=\"http://x#\"\nnonsense"));
        Assert.Contains("line 2", e.Message);
    }
}
