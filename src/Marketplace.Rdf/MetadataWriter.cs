using System.Text;
using System.Xml;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>Writes <see cref="ImageMetadata"/> as an unsigned StratusLab RDF/XML document.</summary>
public static class MetadataWriter
{
    public static XmlDocument Write(ImageMetadata metadata)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, IndentChars = "  ", OmitXmlDeclaration = true }))
        {
            WriteRdf(writer, metadata);
        }

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.LoadXml(text.ToString());
        document.InsertBefore(document.CreateXmlDeclaration("1.0", "UTF-8", null), document.DocumentElement);
        return document;
    }

    /// <summary>The document as UTF-8 bytes, exactly as it would be stored or signed.</summary>
    public static byte[] ToBytes(XmlDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    private static void WriteRdf(XmlWriter w, ImageMetadata m)
    {
        w.WriteStartElement("rdf", "RDF", Vocabulary.Rdf);
        w.WriteAttributeString("xmlns", "dcterms", null, Vocabulary.DcTerms);
        w.WriteAttributeString("xmlns", "slreq", null, Vocabulary.SlReq);
        w.WriteAttributeString("xmlns", "slterms", null, Vocabulary.SlTerms);
        w.WriteAttributeString("xml", "base", null, Vocabulary.Base);
        w.WriteStartElement("rdf", "Description", Vocabulary.Rdf);
        w.WriteAttributeString("rdf", "about", Vocabulary.Rdf, "#" + m.Identifier);
        Text(w, "dcterms", "identifier", Vocabulary.DcTerms, m.Identifier);
        Text(w, "slreq", "bytes", Vocabulary.SlReq, m.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var checksum in m.Checksums)
        {
            Resource(w, "slreq", "checksum", Vocabulary.SlReq);
            Text(w, "slreq", "algorithm", Vocabulary.SlReq, checksum.Algorithm);
            Text(w, "slreq", "value", Vocabulary.SlReq, checksum.Value);
            w.WriteEndElement();
        }

        Resource(w, "slreq", "endorsement", Vocabulary.SlReq);
        Text(w, "dcterms", "created", Vocabulary.DcTerms, MetadataDates.Format(m.Endorsement.Created));
        Resource(w, "slreq", "endorser", Vocabulary.SlReq);
        Text(w, "slreq", "email", Vocabulary.SlReq, m.Endorsement.Endorser.Email);
        Text(w, "slreq", "subject", Vocabulary.SlReq, m.Endorsement.Endorser.Subject);
        Text(w, "slreq", "issuer", Vocabulary.SlReq, m.Endorsement.Endorser.Issuer);
        w.WriteEndElement();
        w.WriteEndElement();
        Text(w, "dcterms", "type", Vocabulary.DcTerms, m.Type);
        Optional(w, "dcterms", "valid", Vocabulary.DcTerms, m.Valid is { } valid ? MetadataDates.Format(valid) : null);
        Optional(w, "dcterms", "created", Vocabulary.DcTerms, m.Created is { } created ? MetadataDates.Format(created) : null);
        Optional(w, "dcterms", "title", Vocabulary.DcTerms, m.Title);
        Optional(w, "dcterms", "description", Vocabulary.DcTerms, m.Description);
        Optional(w, "dcterms", "creator", Vocabulary.DcTerms, m.Creator);
        Optional(w, "dcterms", "publisher", Vocabulary.DcTerms, m.Publisher);
        Optional(w, "dcterms", "format", Vocabulary.DcTerms, m.Format);
        Optional(w, "slterms", "compression", Vocabulary.SlTerms, m.Compression);
        m.Tags.ToList().ForEach(tag => Text(w, "dcterms", "alternative", Vocabulary.DcTerms, tag));
        Optional(w, "dcterms", "replaces", Vocabulary.DcTerms, m.Replaces);
        Optional(w, "dcterms", "isReplacedBy", Vocabulary.DcTerms, m.IsReplacedBy);
        Optional(w, "slterms", "kind", Vocabulary.SlTerms, m.Kind);
        Optional(w, "slterms", "os", Vocabulary.SlTerms, m.Os);
        Optional(w, "slterms", "os-version", Vocabulary.SlTerms, m.OsVersion);
        Optional(w, "slterms", "os-arch", Vocabulary.SlTerms, m.OsArch);
        Optional(w, "slterms", "version", Vocabulary.SlTerms, m.Version);
        Optional(w, "slterms", "hypervisor", Vocabulary.SlTerms, m.Hypervisor);
        m.InboundPorts.ToList().ForEach(port => Text(w, "slterms", "inbound-port", Vocabulary.SlTerms, port));
        m.OutboundPorts.ToList().ForEach(port => Text(w, "slterms", "outbound-port", Vocabulary.SlTerms, port));
        m.Locations.ToList().ForEach(location => Text(w, "slterms", "location", Vocabulary.SlTerms, location));
        Optional(w, "slterms", "deprecated", Vocabulary.SlTerms, m.Deprecated);
        foreach (var extension in m.Extensions)
        {
            using var reader = XmlReader.Create(new StringReader(extension), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ConformanceLevel = ConformanceLevel.Fragment,
            });
            reader.MoveToContent();
            w.WriteNode(reader, defattr: false);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    // RDF/XML §2.11: parseType="Resource" makes the element's children properties of a blank node.
    private static void Resource(XmlWriter w, string prefix, string name, string ns)
    {
        w.WriteStartElement(prefix, name, ns);
        w.WriteAttributeString("rdf", "parseType", Vocabulary.Rdf, "Resource");
    }

    private static void Text(XmlWriter w, string prefix, string name, string ns, string value) =>
        w.WriteElementString(prefix, name, ns, value);

    private static void Optional(XmlWriter w, string prefix, string name, string ns, string? value)
    {
        if (value is not null)
        {
            Text(w, prefix, name, ns, value);
        }
    }
}
