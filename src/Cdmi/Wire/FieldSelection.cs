using System.Globalization;

namespace StandardsCloud.Cdmi.Wire;

/// <summary>An inclusive range of bytes or children, as <c>first-last</c> (CDMI 1.1.1 §8.1, §9.1).</summary>
public readonly record struct WireRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");

    /// <summary>Reads <c>first-last</c>: digits only, first ≤ last.</summary>
    public static bool TryParse(string text, out WireRange range)
    {
        range = default;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == text.Length - 1 || text.Length > 41)
        {
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || first > last)
        {
            return false;
        }

        range = new WireRange(first, last);
        return true;
    }
}

/// <summary>
/// The fields a request names in its query (CDMI 1.1.1 §8.3, §9.3): <c>?field;field</c>,
/// <c>metadata:prefix</c>, <c>value:first-last</c>, <c>children:first-last</c>. No query means
/// every field.
/// </summary>
public sealed record FieldSelection
{
    public const int MaxItems = 64;
    public const int MaxQueryLength = 8192;

    public static FieldSelection All { get; } = new();

    /// <summary>The fields named plainly; empty when every field is wanted.</summary>
    public IReadOnlySet<string> Fields { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Metadata name prefixes asked for with <c>metadata:prefix</c>.</summary>
    public IReadOnlyList<string> MetadataPrefixes { get; init; } = [];

    public WireRange? ValueRange { get; init; }

    public WireRange? ChildrenRange { get; init; }

    /// <summary>How many queued values <c>values:N</c> asks for (CDMI 1.1.1 §11.3).</summary>
    public int? ValuesCount { get; init; }

    /// <summary>
    /// Fields kept out of the answer whatever the query asks: those the caller's rights do not cover
    /// (CDMI 1.1.1 §16.1.5), and the value while completionStatus is Processing (§8.2.2). The
    /// metadata item <c>cdmi_acl</c> is named here by itself.
    /// </summary>
    public IReadOnlySet<string> Withheld { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// True when every attribute field is kept out of the answer too, as for a caller without
    /// READ_ATTRIBUTES (CDMI 1.1.1 §16.1.5, Table 117): only value, children and metadata fields remain.
    /// </summary>
    public bool AttributesWithheld { get; init; }

    public bool IsAll => Fields.Count == 0 && MetadataPrefixes.Count == 0 && ValueRange is null && ChildrenRange is null && ValuesCount is null;

    /// <summary>True when the response should carry <paramref name="field"/>.</summary>
    public bool Includes(string field) => !IsWithheld(field) && (IsAll || Fields.Contains(field) || field switch
    {
        "metadata" => MetadataPrefixes.Count > 0,
        "value" => ValueRange is not null || ValuesCount is not null,
        "mimetype" or "valuetransferencoding" => ValuesCount is not null,
        "valuerange" => ValueRange is not null || Fields.Contains("value"),
        "children" => ChildrenRange is not null,
        "childrenrange" => ChildrenRange is not null || Fields.Contains("children"),
        _ => false,
    });

    /// <summary>True when <paramref name="field"/> is kept out of the answer whatever the query asks.</summary>
    public bool IsWithheld(string field) => Withheld.Contains(field) || (AttributesWithheld && CdmiFieldNames.IsAttribute(field));

    /// <summary>
    /// True when the answer would hold nothing the query asks for: every field it names is withheld,
    /// or, naming none (every field), the attribute fields are withheld and so is each of
    /// <paramref name="nonAttributeFields"/>, the value, children and metadata fields the object has.
    /// </summary>
    public bool AsksOnlyWithheld(IEnumerable<string> nonAttributeFields)
    {
        if (IsAll)
        {
            return AttributesWithheld && nonAttributeFields.All(IsWithheld);
        }

        if (Withheld.Count == 0 && !AttributesWithheld)
        {
            return false;
        }

        var asked = new HashSet<string>(Fields, StringComparer.Ordinal);
        if (MetadataPrefixes.Count > 0)
        {
            asked.Add("metadata");
        }

        if (ValueRange is not null || ValuesCount is not null)
        {
            asked.Add("value");
        }

        if (ChildrenRange is not null)
        {
            asked.Add("children");
        }

        return asked.All(IsWithheld);
    }

    /// <summary>True when a metadata item named <paramref name="name"/> is wanted.</summary>
    public bool IncludesMetadata(string name) =>
        !Withheld.Contains("metadata") && !(name == "cdmi_acl" && Withheld.Contains("cdmi_acl"))
        && (IsAll || Fields.Contains("metadata") || MetadataPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)));

    /// <summary>Reads the raw query string (without '?'); an error names what is wrong.</summary>
    public static (FieldSelection? Selection, string? Error) Parse(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return (All, null);
        }

        if (rawQuery.Length > MaxQueryLength)
        {
            return (null, $"the query may have at most {MaxQueryLength} characters");
        }

        var items = rawQuery.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (items.Length > MaxItems)
        {
            return (null, $"at most {MaxItems} fields may be named");
        }

        var fields = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        WireRange? value = null;
        WireRange? children = null;
        int? count = null;
        foreach (var raw in items)
        {
            string item;
            try
            {
                item = Uri.UnescapeDataString(raw.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return (null, $"'{Clip(raw)}' is not a field name");
            }

            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                if (item.Length == 0 || item.Any(char.IsControl))
                {
                    return (null, $"'{Clip(item)}' is not a field name");
                }

                fields.Add(item);
                continue;
            }

            var name = item[..colon];
            var argument = item[(colon + 1)..];
            switch (name)
            {
                case "metadata":
                    prefixes.Add(argument);
                    break;
                case "values":
                    if (count is not null || !int.TryParse(argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 10_000)
                    {
                        return (null, $"'{Clip(item)}': values:N asks for 1 to 10000 queued values, once");
                    }

                    count = n;
                    break;
                case "value" or "children":
                    if (!WireRange.TryParse(argument, out var range))
                    {
                        return (null, $"'{Clip(item)}': a range is first-last, digits only, first not above last");
                    }

                    if ((name == "value" ? value : children) is not null)
                    {
                        return (null, $"only one {name} range may be asked for");
                    }

                    if (name == "value")
                    {
                        value = range;
                    }
                    else
                    {
                        children = range;
                    }

                    break;
                default:
                    return (null, $"'{Clip(item)}': only metadata, value and children take an argument");
            }
        }

        return (new FieldSelection { Fields = fields, MetadataPrefixes = prefixes, ValueRange = value, ChildrenRange = children, ValuesCount = count }, null);
    }

    private static string Clip(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
