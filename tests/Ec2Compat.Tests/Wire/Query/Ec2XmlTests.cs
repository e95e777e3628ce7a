using System.Text;
using System.Xml.Linq;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class Ec2XmlTests
{
    private static readonly XNamespace Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static XDocument Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream);
    }

    [Fact]
    public void Response_Simple_RootNamedAfterActionInVersionNamespace()
    {
        var doc = Load(Ec2Xml.Response("StartInstances", "2016-11-15", "req-1", _ => { }));

        Assert.Equal(Ec2 + "StartInstancesResponse", doc.Root!.Name);
    }

    [Fact]
    public void Response_OtherVersion_NamespaceFollowsVersion()
    {
        var doc = Load(Ec2Xml.Response("DescribeRegions", "2014-06-15", "req-1", _ => { }));

        Assert.Equal("http://ec2.amazonaws.com/doc/2014-06-15/", doc.Root!.Name.NamespaceName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2016-11-15\"/><x")]
    [InlineData("latest")]
    [InlineData("2016/11/15")]
    public void Response_MissingOrMalformedVersion_DefaultNamespace(string? version)
    {
        var doc = Load(Ec2Xml.Response("DescribeRegions", version, "req-1", _ => { }));

        Assert.Equal(Ec2.NamespaceName, doc.Root!.Name.NamespaceName);
    }

    [Fact]
    public void Response_Body_RequestIdIsFirstChild()
    {
        var doc = Load(Ec2Xml.Response("DeleteKeyPair", null, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", w => w.Element("return", true)));

        var first = doc.Root!.Elements().First();
        Assert.Equal(Ec2 + "requestId", first.Name);
        Assert.Equal("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", first.Value);
        Assert.Equal("true", doc.Root.Element(Ec2 + "return")!.Value);
    }

    [Fact]
    public void Response_Bytes_Utf8DeclarationWithoutBom()
    {
        var bytes = Ec2Xml.Response("DescribeRegions", null, "r", _ => { });

        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_Scalars_FormattedAsEc2Does()
    {
        var launched = new DateTimeOffset(2026, 11, 26, 5, 0, 0, 123, TimeSpan.FromHours(1));
        var doc = Load(Ec2Xml.Response("X", null, "r", w => w
            .Element("yes", true)
            .Element("no", false)
            .Element("count", 1234567)
            .Element("size", 10_000_000_000L)
            .Element("launchTime", launched)
            .Element("name", "web")));

        var root = doc.Root!;
        Assert.Equal("true", root.Element(Ec2 + "yes")!.Value);
        Assert.Equal("false", root.Element(Ec2 + "no")!.Value);
        Assert.Equal("1234567", root.Element(Ec2 + "count")!.Value);
        Assert.Equal("10000000000", root.Element(Ec2 + "size")!.Value);
        Assert.Equal("2026-11-26T04:00:00.123Z", root.Element(Ec2 + "launchTime")!.Value);
        Assert.Equal("web", root.Element(Ec2 + "name")!.Value);
    }

    [Fact]
    public void Element_Timestamp_MillisecondsAndZ()
    {
        var text = Encoding.UTF8.GetString(Ec2Xml.Response("X", null, "r", w => w
            .Element("t", new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero))));

        Assert.Contains("<t>2026-11-26T04:00:00.000Z</t>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Element_NullValues_Omitted()
    {
        var doc = Load(Ec2Xml.Response("X", null, "r", w => w
            .Element("a", (string?)null)
            .Element("b", (bool?)null)
            .Element("c", (int?)null)
            .Element("d", (long?)null)
            .Element("e", (DateTimeOffset?)null)
            .Element("f", (int?)3)));

        Assert.Equal(["requestId", "f"], doc.Root!.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Element_SpecialCharacters_EscapedAndRoundTrip()
    {
        const string value = "<&>\"' ]]> \r\n\t x";
        var bytes = Ec2Xml.Response("X", null, "r", w => w.Element("keyName", value));

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("&lt;&amp;&gt;", text, StringComparison.Ordinal);
        Assert.Equal(value, Load(bytes).Root!.Element(Ec2 + "keyName")!.Value);
    }

    [Fact]
    public void Element_CharactersInvalidInXml_ReplacedSoDocumentParses()
    {
        var bytes = Ec2Xml.Response("X", null, "r", w => w.Element("description", "a\u0001b\uD800c😀"));

        Assert.Equal("a\uFFFDb\uFFFDc😀", Load(bytes).Root!.Element(Ec2 + "description")!.Value);
    }

    [Fact]
    public void Set_Items_EachInItemElementInOrder()
    {
        var instances = new[] { ("i-1", 16, "running"), ("i-2", 80, "stopped") };
        var doc = Load(Ec2Xml.Response("DescribeInstances", null, "r", w => w
            .Set("reservationSet", [1], (w, _) => w
                .Element("reservationId", "r-1")
                .Set("instancesSet", instances, (w, i) => w
                    .Element("instanceId", i.Item1)
                    .Structure("instanceState", s => s.Element("code", i.Item2).Element("name", i.Item3))))));

        var items = doc.Root!.Element(Ec2 + "reservationSet")!.Element(Ec2 + "item")!
            .Element(Ec2 + "instancesSet")!.Elements(Ec2 + "item").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("i-1", items[0].Element(Ec2 + "instanceId")!.Value);
        Assert.Equal("80", items[1].Element(Ec2 + "instanceState")!.Element(Ec2 + "code")!.Value);
        Assert.Equal("stopped", items[1].Element(Ec2 + "instanceState")!.Element(Ec2 + "name")!.Value);
    }

    [Fact]
    public void Set_Empty_EmptyElementPresent()
    {
        var bytes = Ec2Xml.Response("DescribeInstances", null, "r", w => w.Set("reservationSet", Array.Empty<int>(), (_, _) => { }));

        Assert.Contains("<reservationSet></reservationSet>", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Empty(Load(bytes).Root!.Element(Ec2 + "reservationSet")!.Elements());
    }

    [Fact]
    public void Element_EmptyString_WrittenWithEndTag()
    {
        var text = Encoding.UTF8.GetString(Ec2Xml.Response("X", null, "r", w => w.Element("nextToken", "")));

        Assert.Contains("<nextToken></nextToken>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_Version_Ec2DocUri()
    {
        Assert.Equal("http://ec2.amazonaws.com/doc/2016-11-15/", Ec2Xml.Namespace(null));
        Assert.Equal("http://ec2.amazonaws.com/doc/2012-12-01/", Ec2Xml.Namespace("2012-12-01"));
    }
}
