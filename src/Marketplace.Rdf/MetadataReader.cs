using System.Globalization;
using System.Xml;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>
/// Turns a metadata document into <see cref="ImageMetadata"/>, or says every way it departs from
/// StratusLab's format. It reads only; signatures are <see cref="SignatureVerifier"/>'s concern.
/// </summary>
public static class MetadataReader
{
    private static readonly Dictionary<string, int> ChecksumLengths = new(StringComparer.Ordinal)
    {
        ["MD5"] = 32, ["SHA-1"] = 40, ["SHA-256"] = 64, ["SHA-512"] = 128,
    };

    public static RdfOutcome<ImageMetadata> Read(byte[] bytes, XmlLimits? limits = null)
    {
        var document = SafeXml.Load(bytes, limits);
        return document.IsOk ? Read(document.Value!) : RdfOutcome<ImageMetadata>.Fail(document.Problems);
    }

    public static RdfOutcome<ImageMetadata> Read(XmlDocument document)
    {
        var root = document.DocumentElement;
        if (root is null || root.LocalName != "RDF" || root.NamespaceURI != Vocabulary.Rdf)
        {
            return RdfOutcome<ImageMetadata>.Fail($"the root element must be rdf:RDF ({Vocabulary.Rdf}), not '{root?.Name}'");
        }

        var descriptions = new List<XmlElement>();
        foreach (var child in root.ChildNodes.OfType<XmlElement>())
        {
            if (child.LocalName == "Description" && child.NamespaceURI == Vocabulary.Rdf)
            {
                descriptions.Add(child);
            }
            else if (!(child.LocalName == "Signature" && child.NamespaceURI == Vocabulary.XmlDsig))
            {
                return RdfOutcome<ImageMetadata>.Fail($"rdf:RDF may hold only rdf:Description and ds:Signature, not '{child.Name}'");
            }
        }

        if (descriptions.Count != 1)
        {
            return RdfOutcome<ImageMetadata>.Fail($"exactly one rdf:Description is required, found {descriptions.Count}");
        }

        return new DescriptionReader(descriptions[0]).Read();
    }

    private sealed class DescriptionReader(XmlElement description)
    {
        private readonly List<string> _problems = [];
        private readonly HashSet<XmlElement> _used = [];

        public RdfOutcome<ImageMetadata> Read()
        {
            var identifier = Single(description, Vocabulary.DcTerms, "identifier", required: true);
            var bytes = Single(description, Vocabulary.SlReq, "bytes", required: true);
            var checksums = Checksums();
            var endorsement = ReadEndorsement();
            var type = Single(description, Vocabulary.DcTerms, "type", required: true);
            if (type is not null and not ("machine" or "disk"))
            {
                _problems.Add($"dcterms:type must be 'machine' or 'disk', not '{type}'");
            }

            long size = 0;
            if (bytes is not null && (!long.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size <= 0))
            {
                _problems.Add($"slreq:bytes must be a positive integer, not '{bytes}'");
            }

            var metadata = new ImageMetadata
            {
                Identifier = identifier ?? "",
                Bytes = size,
                Checksums = checksums,
                Endorsement = endorsement ?? new Endorsement(default, new Endorser("", "", "")),
                Type = type ?? "",
                Valid = Date(description, Vocabulary.DcTerms, "valid"),
                Created = Date(description, Vocabulary.DcTerms, "created"),
                Title = Single(description, Vocabulary.DcTerms, "title"),
                Description = Single(description, Vocabulary.DcTerms, "description"),
                Creator = Single(description, Vocabulary.DcTerms, "creator"),
                Publisher = Single(description, Vocabulary.DcTerms, "publisher"),
                Format = Single(description, Vocabulary.DcTerms, "format"),
                Compression = Single(description, Vocabulary.SlTerms, "compression"),
                Tags = Many(Vocabulary.DcTerms, "alternative"),
                Replaces = Single(description, Vocabulary.DcTerms, "replaces"),
                IsReplacedBy = Single(description, Vocabulary.DcTerms, "isReplacedBy"),
                Locations = Many(Vocabulary.SlTerms, "location"),
                Kind = Single(description, Vocabulary.SlTerms, "kind"),
                Os = Single(description, Vocabulary.SlTerms, "os"),
                OsVersion = Single(description, Vocabulary.SlTerms, "os-version"),
                OsArch = Single(description, Vocabulary.SlTerms, "os-arch"),
                Version = Single(description, Vocabulary.SlTerms, "version"),
                Hypervisor = Single(description, Vocabulary.SlTerms, "hypervisor"),
                InboundPorts = Many(Vocabulary.SlTerms, "inbound-port"),
                OutboundPorts = Many(Vocabulary.SlTerms, "outbound-port"),
                Deprecated = Single(description, Vocabulary.SlTerms, "deprecated"),
                Extensions = [.. description.ChildNodes.OfType<XmlElement>().Where(e => !_used.Contains(e)).Select(e => e.OuterXml)],
            };

            CheckIdentifier(metadata);
            return _problems.Count == 0 ? RdfOutcome<ImageMetadata>.Ok(metadata) : RdfOutcome<ImageMetadata>.Fail(_problems);
        }

        // The identifier, rdf:about and the SHA-1 checksum must all name the same image.
        private void CheckIdentifier(ImageMetadata metadata)
        {
            var about = description.GetAttribute("about", Vocabulary.Rdf);
            if (metadata.Identifier.Length == 0)
            {
                return;
            }

            if (!MarketplaceIdentifier.IsWellFormed(metadata.Identifier))
            {
                _problems.Add($"dcterms:identifier '{metadata.Identifier}' is not 27 base-64 digits (A–Z a–z 0–9 - _, first one A–P)");
                return;
            }

            if (about != "#" + metadata.Identifier)
            {
                _problems.Add($"rdf:about is '{about}' but must be '#{metadata.Identifier}'");
            }

            var sha1 = metadata.Checksums.FirstOrDefault(c => c.Algorithm == "SHA-1");
            var expected = sha1 is null ? null : MarketplaceIdentifier.FromSha1(sha1.Value);
            if (expected is not null && expected != metadata.Identifier)
            {
                _problems.Add($"dcterms:identifier is '{metadata.Identifier}' but the SHA-1 {sha1!.Value} gives '{expected}'");
            }
        }

        private List<ImageChecksum> Checksums()
        {
            var checksums = new List<ImageChecksum>();
            foreach (var element in Children(description, Vocabulary.SlReq, "checksum"))
            {
                var algorithm = Single(element, Vocabulary.SlReq, "algorithm", required: true);
                var value = Single(element, Vocabulary.SlReq, "value", required: true);
                if (algorithm is null || value is null)
                {
                    continue;
                }

                if (!ChecksumLengths.TryGetValue(algorithm, out var length))
                {
                    _problems.Add($"slreq:algorithm '{algorithm}' is not one of MD5, SHA-1, SHA-256, SHA-512");
                }
                else if (value.Length != length || !value.All(char.IsAsciiHexDigitLower))
                {
                    _problems.Add($"the {algorithm} checksum must be {length} lowercase hex digits, not '{value}'");
                }
                else if (checksums.Any(c => c.Algorithm == algorithm))
                {
                    _problems.Add($"more than one {algorithm} checksum");
                }
                else
                {
                    checksums.Add(new ImageChecksum(algorithm, value));
                }
            }

            if (!checksums.Any(c => c.Algorithm == "SHA-1") && !_problems.Any(p => p.Contains("SHA-1", StringComparison.Ordinal)))
            {
                _problems.Add("a SHA-1 slreq:checksum is required");
            }

            return checksums;
        }

        private Endorsement? ReadEndorsement()
        {
            var endorsements = Children(description, Vocabulary.SlReq, "endorsement");
            if (endorsements.Count != 1)
            {
                _problems.Add($"exactly one slreq:endorsement is required, found {endorsements.Count}");
                return null;
            }

            var created = Date(endorsements[0], Vocabulary.DcTerms, "created", required: true);
            var endorsers = Children(endorsements[0], Vocabulary.SlReq, "endorser");
            if (endorsers.Count != 1)
            {
                _problems.Add($"exactly one slreq:endorser is required in the endorsement, found {endorsers.Count}");
                return null;
            }

            var email = Single(endorsers[0], Vocabulary.SlReq, "email", required: true);
            var subject = Single(endorsers[0], Vocabulary.SlReq, "subject", required: true);
            var issuer = Single(endorsers[0], Vocabulary.SlReq, "issuer", required: true);
            if (email is not null && (email.Length > 254 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.Contains('/', StringComparison.Ordinal)))
            {
                _problems.Add($"slreq:email '{email}' is not an email address");
            }

            return created is null || email is null || subject is null || issuer is null
                ? null
                : new Endorsement(created.Value, new Endorser(email, subject, issuer));
        }

        private List<string> Many(string ns, string name) =>
            [.. Children(description, ns, name).Select(e => e.InnerText.Trim()).Where(v => v.Length > 0)];

        private DateTimeOffset? Date(XmlElement parent, string ns, string name, bool required = false)
        {
            var text = Single(parent, ns, name, required);
            if (text is null)
            {
                return null;
            }

            if (MetadataDates.TryParse(text, out var value))
            {
                return value;
            }

            _problems.Add($"{Prefix(ns)}:{name} '{text}' is not a date of the form yyyy-MM-ddTHH:mm:ssZ");
            return null;
        }

        private string? Single(XmlElement parent, string ns, string name, bool required = false)
        {
            var found = Children(parent, ns, name);
            if (found.Count > 1)
            {
                _problems.Add($"{Prefix(ns)}:{name} may appear only once, found {found.Count}");
                return null;
            }

            if (found.Count == 0)
            {
                if (required)
                {
                    _problems.Add($"{Prefix(ns)}:{name} is required in {parent.Name}");
                }

                return null;
            }

            if (found[0].ChildNodes.OfType<XmlElement>().Any())
            {
                _problems.Add($"{Prefix(ns)}:{name} must hold text, not elements");
                return null;
            }

            var text = found[0].InnerText.Trim();
            if (text.Length == 0 && required)
            {
                _problems.Add($"{Prefix(ns)}:{name} is empty");
                return null;
            }

            return text.Length == 0 ? null : text;
        }

        private List<XmlElement> Children(XmlElement parent, string ns, string name)
        {
            var found = parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == name && e.NamespaceURI == ns).ToList();
            _used.UnionWith(found);
            return found;
        }

        private static string Prefix(string ns) => ns switch
        {
            Vocabulary.DcTerms => "dcterms",
            Vocabulary.SlReq => "slreq",
            Vocabulary.SlTerms => "slterms",
            _ => ns,
        };
    }
}
