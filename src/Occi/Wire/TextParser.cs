using System.Globalization;

namespace StandardsCloud.Occi.Wire;

/// <summary>
/// Reads the text renderings (GFD.229): the same fields arrive as HTTP headers (<c>text/occi</c>)
/// or as body lines (<c>text/plain</c>). A field may hold several comma-joined values.
/// </summary>
public static class TextParser
{
    public const string CategoryField = "Category";
    public const string LinkField = "Link";
    public const string AttributeField = "X-OCCI-Attribute";
    public const string LocationField = "X-OCCI-Location";

    /// <summary>Most values one message may carry in all, so a hostile request cannot grow without end.</summary>
    public const int MaxValues = 10_000;

    /// <summary>Parses named fields; names other than the four OCCI fields are passed over.</summary>
    public static OcciMessage Parse(IEnumerable<(string Name, string Value)> fields)
    {
        var categories = new List<CategoryRef>();
        var links = new List<InlineLink>();
        var attributes = new List<OcciAttribute>();
        var locations = new List<string>();
        var count = 0;
        foreach (var (name, value) in fields)
        {
            var field = name.Trim();
            if (!IsOcciField(field))
            {
                continue;
            }

            foreach (var piece in TextSyntax.SplitOutside(value, ','))
            {
                if (++count > MaxValues)
                {
                    throw new OcciParseException($"a request carries at most {MaxValues} OCCI values");
                }

                if (field.Equals(CategoryField, StringComparison.OrdinalIgnoreCase))
                {
                    categories.Add(ParseCategory(piece));
                }
                else if (field.Equals(LinkField, StringComparison.OrdinalIgnoreCase))
                {
                    links.Add(ParseLink(piece));
                }
                else if (field.Equals(AttributeField, StringComparison.OrdinalIgnoreCase))
                {
                    attributes.Add(ParseAttribute(piece));
                }
                else
                {
                    locations.Add(piece);
                }
            }
        }

        return new OcciMessage(categories, links, attributes, locations);
    }

    /// <summary>Parses a <c>text/plain</c> body: one <c>Name: value</c> field per line.</summary>
    public static OcciMessage ParseBody(string body)
    {
        var fields = new List<(string, string)>();
        var number = 0;
        foreach (var raw in body.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line == "OK")
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new OcciParseException($"line {number} is not 'Name: value': {TextSyntax.Clip(line)}");
            }

            fields.Add((line[..colon], line[(colon + 1)..]));
        }

        return Parse(fields);
    }

    public static bool IsOcciField(string name) =>
        name.Equals(CategoryField, StringComparison.OrdinalIgnoreCase) || name.Equals(LinkField, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AttributeField, StringComparison.OrdinalIgnoreCase) || name.Equals(LocationField, StringComparison.OrdinalIgnoreCase);

    // GFD.229 §3.1: term; scheme="…"; class="…" [; title=…; rel=…; location=…; attributes=…; actions=…]
    private static CategoryRef ParseCategory(string piece)
    {
        var parts = TextSyntax.SplitOutside(piece, ';');
        var term = parts[0].Trim();
        if (term.Length == 0 || term.Contains('=') || !term.All(IsTermChar))
        {
            throw new OcciParseException($"'{TextSyntax.Clip(term)}' is not a category term (letters, digits, '-' and '_')");
        }

        string? scheme = null, cls = null, title = null, rel = null, location = null;
        foreach (var part in parts.Skip(1))
        {
            if (TextSyntax.Pair(part) is not var (key, value))
            {
                throw new OcciParseException($"category {term}: '{TextSyntax.Clip(part)}' is not key=value");
            }

            var text = TextSyntax.Unquote(value);
            switch (key.ToLowerInvariant())
            {
                case "scheme": scheme = text; break;
                case "class": cls = text; break;
                case "title": title = text; break;
                case "rel": rel = text; break;
                case "location": location = text; break;
                default: break;
            }
        }

        if (string.IsNullOrEmpty(scheme) || !scheme.EndsWith('#'))
        {
            throw new OcciParseException($"category {term} needs a scheme ending in '#'");
        }

        CategoryClass? parsedClass = cls switch
        {
            null => null,
            "kind" => CategoryClass.Kind,
            "mixin" => CategoryClass.Mixin,
            "action" => CategoryClass.Action,
            _ => throw new OcciParseException($"category {term}: class must be kind, mixin or action, not '{TextSyntax.Clip(cls)}'"),
        };
        return new CategoryRef(new CategoryId(scheme, term), parsedClass, title, rel, location);
    }

    // GFD.229 §3.2: <target>; rel="…" [; self="…"] [; category="…"; attribute=value …]
    private static InlineLink ParseLink(string piece)
    {
        var parts = TextSyntax.SplitOutside(piece, ';');
        var target = parts[0].Trim();
        if (target.Length < 2 || target[0] != '<' || target[^1] != '>')
        {
            throw new OcciParseException($"a link starts with <target>: {TextSyntax.Clip(piece)}");
        }

        var rel = new List<string>();
        string? self = null;
        CategoryId? category = null;
        var attributes = new List<OcciAttribute>();
        foreach (var part in parts.Skip(1))
        {
            if (TextSyntax.Pair(part) is not var (key, value))
            {
                throw new OcciParseException($"link {TextSyntax.Clip(target)}: '{TextSyntax.Clip(part)}' is not key=value");
            }

            switch (key)
            {
                case "rel": rel.AddRange(TextSyntax.Unquote(value).Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                case "self": self = TextSyntax.Unquote(value); break;
                case "category":
                    category = TextSyntax.Unquote(value).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(CategoryId.Parse).FirstOrDefault()
                        ?? throw new OcciParseException($"link {TextSyntax.Clip(target)}: category is not a type identifier");
                    break;
                default: attributes.Add(ParseAttribute(part)); break;
            }
        }

        return new InlineLink(target[1..^1].Trim(), rel, self, category, attributes);
    }

    // GFD.229 §3.3: name=value, where value is a quoted string, a number or a boolean.
    internal static OcciAttribute ParseAttribute(string piece)
    {
        if (TextSyntax.Pair(piece) is not var (name, raw) || !IsAttributeName(name))
        {
            throw new OcciParseException($"'{TextSyntax.Clip(piece)}' is not an attribute (name=value)");
        }

        if (raw.StartsWith('"'))
        {
            return new OcciAttribute(name, OcciValue.Of(TextSyntax.Unquote(raw)));
        }

        if (raw is "true" or "false")
        {
            return new OcciAttribute(name, new OcciValue(AttributeType.Boolean, raw));
        }

        if (double.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return new OcciAttribute(name, new OcciValue(AttributeType.Number, raw));
        }

        if (raw.Length == 0 || raw.Any(c => char.IsWhiteSpace(c) || c == '"'))
        {
            throw new OcciParseException($"attribute {name}: '{TextSyntax.Clip(raw)}' is neither a quoted string, a number nor true/false");
        }

        return new OcciAttribute(name, OcciValue.Of(raw));
    }

    internal static bool IsAttributeName(string name) =>
        name.Length is > 0 and <= 255 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsTermChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
