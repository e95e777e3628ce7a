using System.Text;
using System.Xml;
using StandardsCloud.Marketplace.Entries;

namespace StandardsCloud.Marketplace.Http;

/// <summary>XML answers: a <c>metadata</c> element holding each entry's signed rdf:RDF unchanged, and the endorser list.</summary>
internal static class EntryXml
{
    public static string Entries(IEnumerable<MarketplaceEntry> entries)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("metadata");
            foreach (var entry in entries)
            {
                // The stored bytes were parsed with these settings before they were stored.
                using var reader = XmlReader.Create(new MemoryStream(entry.Document), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
                reader.MoveToContent();
                writer.WriteNode(reader, defattr: false);
            }

            writer.WriteEndElement();
        }

        return text.ToString();
    }

    public static string Endorsers(IEnumerable<EndorserView> endorsers)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("endorsers");
            foreach (var e in endorsers)
            {
                writer.WriteStartElement("endorser");
                writer.WriteElementString("email", e.Email);
                writer.WriteElementString("subject", e.Subject);
                writer.WriteElementString("issuer", e.Issuer);
                writer.WriteElementString("entries", e.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteElementString("lastUpload", e.LastUpload);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return text.ToString();
    }
}
