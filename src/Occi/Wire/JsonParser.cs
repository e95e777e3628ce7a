using System.Text.Json;

namespace StandardsCloud.Occi.Wire;

/// <summary>
/// Reads the JSON rendering (GFD.225) into the same message the text renderings give: a resource
/// or link, an action invocation, mixin definitions, or a list of locations.
/// </summary>
public static class JsonParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static OcciMessage Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return OcciMessage.Empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            throw new OcciParseException($"the body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OcciParseException("the body must be a JSON object");
            }

            if (root.TryGetProperty("action", out _))
            {
                return ActionInvocation(root);
            }

            if (root.TryGetProperty("kind", out _))
            {
                return Entity(root);
            }

            if (root.TryGetProperty("mixins", out var mixins) && mixins.ValueKind == JsonValueKind.Array && !root.TryGetProperty("resources", out _))
            {
                return new OcciMessage([.. mixins.EnumerateArray().Select(MixinDefinition)], [], [], []);
            }

            if (root.TryGetProperty("resources", out var resources) || root.TryGetProperty("links", out resources))
            {
                var items = Array(resources, "resources").ToList();
                return items.Count == 1 ? Entity(items[0]) : throw new OcciParseException("create one entity per request");
            }

            if (root.TryGetProperty("locations", out var locations))
            {
                return new OcciMessage([], [], [], [.. Array(locations, "locations").Select(l => String(l, "locations[]"))]);
            }

            throw new OcciParseException("the body is none of: an entity (with kind), an action invocation, mixins, locations");
        }
    }

    // GFD.225 §3.5.1 and §3.5.2: kind, mixins, attributes, id, title, summary, links | source and target.
    private static OcciMessage Entity(JsonElement entity)
    {
        var categories = new List<CategoryRef> { new(Identifier(entity, "kind"), CategoryClass.Kind) };
        if (entity.TryGetProperty("mixins", out var mixins))
        {
            categories.AddRange(Array(mixins, "mixins").Select(m => new CategoryRef(ParseId(String(m, "mixins[]")), CategoryClass.Mixin)));
        }

        var attributes = Attributes(entity);
        foreach (var (property, name) in new[] { ("id", "occi.core.id"), ("title", "occi.core.title"), ("summary", "occi.core.summary") })
        {
            if (entity.TryGetProperty(property, out var value))
            {
                attributes.Add(new OcciAttribute(name, OcciValue.Of(String(value, property))));
            }
        }

        foreach (var (property, name) in new[] { ("source", "occi.core.source"), ("target", "occi.core.target") })
        {
            if (entity.TryGetProperty(property, out var end))
            {
                attributes.Add(new OcciAttribute(name, OcciValue.Of(Location(end, property))));
            }
        }

        var links = new List<InlineLink>();
        if (entity.TryGetProperty("links", out var linkArray))
        {
            foreach (var link in Array(linkArray, "links"))
            {
                if (!link.TryGetProperty("target", out var target))
                {
                    throw new OcciParseException("a link needs a target");
                }

                CategoryId? targetKind = target.ValueKind == JsonValueKind.Object && target.TryGetProperty("kind", out var tk) ? ParseId(String(tk, "target.kind")) : null;
                links.Add(new InlineLink(Location(target, "target"), targetKind is { } k ? [k.Identifier] : [],
                    null, link.TryGetProperty("kind", out _) ? Identifier(link, "kind") : null, Attributes(link)));
            }
        }

        return new OcciMessage(categories, links, attributes, []);
    }

    // GFD.225 §3.6: {"action": "…#term", "attributes": {…}}
    private static OcciMessage ActionInvocation(JsonElement invocation) =>
        new([new CategoryRef(Identifier(invocation, "action"), CategoryClass.Action)], [], Attributes(invocation), []);

    private static CategoryRef MixinDefinition(JsonElement mixin)
    {
        if (mixin.ValueKind != JsonValueKind.Object)
        {
            throw new OcciParseException("each mixin must be an object");
        }

        var term = mixin.TryGetProperty("term", out var t) ? String(t, "term") : throw new OcciParseException("a mixin needs a term");
        var scheme = mixin.TryGetProperty("scheme", out var s) ? String(s, "scheme") : throw new OcciParseException($"mixin {term} needs a scheme");
        string? rel = mixin.TryGetProperty("depends", out var depends) ? Array(depends, "depends").Select(d => String(d, "depends[]")).FirstOrDefault() : null;
        return new CategoryRef(new CategoryId(scheme, term), CategoryClass.Mixin,
            mixin.TryGetProperty("title", out var title) ? String(title, "title") : null, rel,
            mixin.TryGetProperty("location", out var location) ? String(location, "location") : null);
    }

    // GFD.225 §3.2: names may be dotted ("occi.compute.cores") or stacked objects; both flatten to dotted names.
    private static List<OcciAttribute> Attributes(JsonElement owner)
    {
        var attributes = new List<OcciAttribute>();
        if (owner.TryGetProperty("attributes", out var map))
        {
            if (map.ValueKind != JsonValueKind.Object)
            {
                throw new OcciParseException("attributes must be an object");
            }

            Flatten(map, "", attributes);
        }

        return attributes;
    }

    private static void Flatten(JsonElement map, string prefix, List<OcciAttribute> into)
    {
        foreach (var property in map.EnumerateObject())
        {
            var name = prefix + property.Name;
            if (!TextParser.IsAttributeName(name))
            {
                throw new OcciParseException($"'{TextSyntax.Clip(name)}' is not an attribute name");
            }

            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object: Flatten(value, name + ".", into); break;
                case JsonValueKind.String: into.Add(new OcciAttribute(name, OcciValue.Of(value.GetString()!))); break;
                case JsonValueKind.Number: into.Add(new OcciAttribute(name, new OcciValue(AttributeType.Number, value.GetRawText()))); break;
                case JsonValueKind.True or JsonValueKind.False: into.Add(new OcciAttribute(name, OcciValue.Of(value.GetBoolean()))); break;
                case JsonValueKind.Null: break;
                default: throw new OcciParseException($"attribute {name} must be a string, number or boolean");
            }
        }
    }

    private static string Location(JsonElement end, string what) => end.ValueKind switch
    {
        JsonValueKind.String => end.GetString()!,
        JsonValueKind.Object when end.TryGetProperty("location", out var location) => String(location, what + ".location"),
        _ => throw new OcciParseException($"{what} needs a location"),
    };

    private static CategoryId Identifier(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) ? ParseId(String(value, property)) : throw new OcciParseException($"{property} is missing");

    private static CategoryId ParseId(string identifier) =>
        CategoryId.Parse(identifier) ?? throw new OcciParseException($"'{TextSyntax.Clip(identifier)}' is not a type identifier (scheme#term)");

    private static IEnumerable<JsonElement> Array(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new OcciParseException($"{what} must be an array");

    private static string String(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new OcciParseException($"{what} must be a string");
}
