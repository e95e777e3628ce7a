using System.Text;
using System.Xml;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>Shared XmlWriter setup for success and error documents.</summary>
internal static class Ec2XmlDocument
{
    // Written by hand because XmlWriter spells the encoding "utf-8"; EC2 sends "UTF-8".
    private static readonly byte[] Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8.ToArray();

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        Indent = false,
        // Entitize so a '\r' in a value survives the round trip instead of being normalised.
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    public static XmlWriter Start(Stream stream)
    {
        stream.Write(Declaration);
        return XmlWriter.Create(stream, Settings);
    }

    /// <summary>
    /// A text element that always has an end tag, so an empty value reads
    /// <c>&lt;Message&gt;&lt;/Message&gt;</c> as in EC2's documents; the text is made XML-safe first.
    /// </summary>
    public static void WriteTextElement(this XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name);
        xml.WriteString(XmlText.Clean(value));
        xml.WriteFullEndElement();
    }
}
