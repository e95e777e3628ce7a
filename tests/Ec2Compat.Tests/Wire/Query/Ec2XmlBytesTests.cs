using System.Text;
using System.Xml;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

/// <summary>
/// EC2 documents are written by our own UTF-8 writer; these check it byte for byte against what
/// System.Xml's XmlWriter writes for the same elements and text (entitized new lines, no
/// declaration of its own), the writer EC2 clients were first tested against.
/// </summary>
public sealed class Ec2XmlBytesTests
{
    private const string Version = "2016-11-15";

    public static TheoryData<string> Values => new()
    {
        "",
        "plain",
        "a < b && c > d",
        "quotes \" and ' stay",
        "line\nbreak\r\nand\rreturn\ttab",
        "ünïcødé 日本語 and a pair 😀",
        "]]> end of CDATA",
        "control \u0001 and lone \ud800 surrogate",
        new string('x', 20_000) + "<" + new string('é', 9_000) + "😀",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Response_AnyText_SameBytesAsXmlWriter(string value)
    {
        var ours = Ec2Xml.Response("DescribeTags", Version, "req-1", w => w
            .Element("value", value)
            .Structure("empty", _ => { })
            .Structure("state", s => s.Element("code", 16).Element("name", value))
            .Set("none", Array.Empty<string>(), (_, _) => { })
            .Set("tagSet", [value, "second"], (item, v) => item.Element("key", v).Structure("inner", _ => { })));

        var expected = Reference(x =>
        {
            x.WriteStartElement("DescribeTagsResponse", Ec2Xml.Namespace(Version));
            Text(x, "requestId", "req-1");
            Text(x, "value", Clean(value));
            x.WriteStartElement("empty");
            x.WriteEndElement();
            x.WriteStartElement("state");
            Text(x, "code", "16");
            Text(x, "name", Clean(value));
            x.WriteEndElement();
            x.WriteStartElement("none");
            x.WriteFullEndElement();
            x.WriteStartElement("tagSet");
            foreach (var v in new[] { Clean(value), "second" })
            {
                x.WriteStartElement("item");
                Text(x, "key", v);
                x.WriteStartElement("inner");
                x.WriteEndElement();
                x.WriteEndElement();
            }

            x.WriteFullEndElement();
            x.WriteEndElement();
        });

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(ours));
    }

    [Fact]
    public void Set_OwnNamespace_DeclaredOnTheSetOnly()
    {
        var ours = Ec2Xml.Response("DescribeX", Version, "r", w => w
            .Set("otherSet", [1], (item, n) => item.Element("n", n), "urn:other")
            .Element("after", "x"));

        var expected = Reference(x =>
        {
            x.WriteStartElement("DescribeXResponse", Ec2Xml.Namespace(Version));
            Text(x, "requestId", "r");
            x.WriteStartElement("otherSet", "urn:other");
            x.WriteStartElement("item");
            Text(x, "n", "1");
            x.WriteEndElement();
            x.WriteFullEndElement();
            Text(x, "after", "x");
            x.WriteEndElement();
        });

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(ours));
    }

    [Fact]
    public void ErrorDocument_MessageWithMarkup_SameBytesAsXmlWriter()
    {
        var ours = Ec2ErrorXml.Render("InvalidParameterValue", "bad <value> & \"more\"\r\n", "req-9");

        var expected = Reference(x =>
        {
            x.WriteStartElement("Response");
            x.WriteStartElement("Errors");
            x.WriteStartElement("Error");
            Text(x, "Code", "InvalidParameterValue");
            Text(x, "Message", "bad <value> & \"more\"\r\n");
            x.WriteEndElement();
            x.WriteEndElement();
            Text(x, "RequestID", "req-9");
            x.WriteEndElement();
        });

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(ours));
    }

    private static byte[] Reference(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        stream.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            OmitXmlDeclaration = true,
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            write(xml);
        }

        return stream.ToArray();
    }

    private static void Text(XmlWriter x, string name, string value)
    {
        x.WriteStartElement(name);
        x.WriteString(value);
        x.WriteFullEndElement();
    }

    // What the writer does to characters XML 1.0 cannot hold (see XmlText): U+FFFD in their place.
    // Enumerating runes already turns a lone surrogate into U+FFFD.
    private static string Clean(string value) =>
        string.Concat(value.EnumerateRunes().Select(r => r.Value is 0x9 or 0xA or 0xD or >= 0x20 ? r.ToString() : "\uFFFD"));
}
