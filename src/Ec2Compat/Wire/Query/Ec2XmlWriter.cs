using System.Globalization;

namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// Writes the body of an EC2 response in the shapes AWS uses: scalar elements, structures,
/// and <c>…Set</c> lists whose members are <c>&lt;item&gt;</c> elements. Null values are
/// omitted, as AWS omits fields that have no value; an empty set is written as an empty
/// element. Every method returns the writer so calls can be chained.
/// </summary>
public sealed class Ec2XmlWriter
{
    private readonly Utf8XmlWriter _xml;

    internal Ec2XmlWriter(Utf8XmlWriter xml) => _xml = xml;

    public Ec2XmlWriter Element(string name, string? value)
    {
        if (value is not null)
            _xml.WriteTextElement(name, value);
        return this;
    }

    /// <summary>Booleans as <c>true</c>/<c>false</c>, the xsd:boolean form botocore reads.</summary>
    public Ec2XmlWriter Element(string name, bool value) => Element(name, value ? "true" : "false");

    public Ec2XmlWriter Element(string name, bool? value) => value is { } v ? Element(name, v) : this;

    public Ec2XmlWriter Element(string name, int value) => Element(name, value.ToString(CultureInfo.InvariantCulture));

    public Ec2XmlWriter Element(string name, int? value) => value is { } v ? Element(name, v) : this;

    public Ec2XmlWriter Element(string name, long value) => Element(name, value.ToString(CultureInfo.InvariantCulture));

    public Ec2XmlWriter Element(string name, long? value) => value is { } v ? Element(name, v) : this;

    /// <summary>Timestamps as ISO 8601 in UTC with milliseconds, e.g. <c>2026-11-26T04:00:00.000Z</c>, as EC2 writes them.</summary>
    public Ec2XmlWriter Element(string name, DateTimeOffset value) => Element(name, Timestamp(value));

    public Ec2XmlWriter Element(string name, DateTimeOffset? value) => value is { } v ? Element(name, v) : this;

    /// <summary>A nested structure, e.g. <c>&lt;instanceState&gt;&lt;code&gt;16&lt;/code&gt;…</c>.</summary>
    public Ec2XmlWriter Structure(string name, Action<Ec2XmlWriter> content)
    {
        _xml.WriteStartElement(name);
        content(this);
        _xml.WriteEndElement();
        return this;
    }

    /// <summary>A list such as <c>instancesSet</c>: one <c>&lt;item&gt;</c> per element, filled by <paramref name="item"/>.</summary>
    /// <param name="xmlNamespace">A namespace for the set and all within it; null keeps the document's.</param>
    public Ec2XmlWriter Set<T>(string name, IEnumerable<T> items, Action<Ec2XmlWriter, T> item, string? xmlNamespace = null)
    {
        _xml.WriteStartElement(name, xmlNamespace);
        foreach (var each in items)
        {
            _xml.WriteStartElement("item");
            item(this, each);
            _xml.WriteEndElement();
        }

        // Full end tags keep "<instancesSet></instancesSet>" rather than a self-closed
        // element; both parse the same, and this is what EC2 itself sends.
        _xml.WriteFullEndElement();
        return this;
    }

    internal static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
