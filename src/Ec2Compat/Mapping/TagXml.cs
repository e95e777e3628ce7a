using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>The <c>tagSet</c> every taggable resource carries in Describe answers.</summary>
public static class TagXml
{
    public static Ec2XmlWriter TagSet(this Ec2XmlWriter w, IReadOnlyDictionary<string, string> tags) =>
        w.Set("tagSet", tags.OrderBy(t => t.Key, StringComparer.Ordinal), (item, t) => item.Element("key", t.Key).Element("value", t.Value));
}
