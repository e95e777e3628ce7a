using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>
/// Certificate names as StratusLab's Java tools print them (<c>X500Principal.getName(RFC2253)</c>):
/// the last RDN first, RDNs joined by "," with no spaces, the RFC 2253 keywords, and any other
/// attribute as its dotted OID with a #hex value.
/// </summary>
public static class DistinguishedNames
{
    // RFC 2253 §2.3: the keywords every implementation knows; Java prints exactly these.
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN", ["2.5.4.6"] = "C", ["2.5.4.7"] = "L", ["2.5.4.8"] = "ST", ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU", ["2.5.4.9"] = "STREET", ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
    };

    private const string EmailAddressOid = "1.2.840.113549.1.9.1";

    public static string Rfc2253(X500DistinguishedName name)
    {
        var rdns = new List<string>();
        var sequence = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
        while (sequence.HasData)
        {
            var set = sequence.ReadSetOf();
            var values = new List<string>();
            while (set.HasData)
            {
                var pair = set.ReadSequence();
                var oid = pair.ReadObjectIdentifier();
                var value = pair.ReadEncodedValue();
                values.Add(Attribute(oid, value));
            }

            rdns.Add(string.Join('+', values));
        }

        rdns.Reverse();
        return string.Join(',', rdns);
    }

    /// <summary>
    /// The certificate's email: the first rfc822Name of its subject alternative names (RFC 5280
    /// §4.2.1.6), else an emailAddress attribute of its subject; null when it has neither.
    /// </summary>
    public static string? Email(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != "2.5.29.17")
            {
                continue;
            }

            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1)
                {
                    return names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 1));
                }

                names.ReadEncodedValue();
            }
        }

        var subject = new AsnReader(certificate.SubjectName.RawData, AsnEncodingRules.DER).ReadSequence();
        while (subject.HasData)
        {
            var set = subject.ReadSetOf();
            while (set.HasData)
            {
                var pair = set.ReadSequence();
                if (pair.ReadObjectIdentifier() == EmailAddressOid)
                {
                    return pair.ReadCharacterString(UniversalTagNumber.IA5String);
                }
            }
        }

        return null;
    }

    private static string Attribute(string oid, ReadOnlyMemory<byte> value)
    {
        var text = Keywords.TryGetValue(oid, out var keyword) ? DirectoryString(value) : null;
        return text is null
            ? $"{oid}=#{Convert.ToHexStringLower(value.Span)}"
            : $"{keyword}={Escape(text)}";
    }

    private static string? DirectoryString(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.BER);
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            return null;
        }

        try
        {
            return (UniversalTagNumber)tag.TagValue switch
            {
                UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
                    or UniversalTagNumber.T61String or UniversalTagNumber.BMPString or UniversalTagNumber.UniversalString
                    or UniversalTagNumber.VisibleString => reader.ReadCharacterString((UniversalTagNumber)tag.TagValue),
                _ => null,
            };
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            // A string type this reader cannot decode is printed as Java does any other value: #hex.
            return null;
        }
    }

    // RFC 2253 §2.4: these characters, a leading space or '#', and a trailing space are escaped.
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';'
                || (i == 0 && c is ' ' or '#')
                || (i == value.Length - 1 && c == ' ');
            if (special)
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
