using System.Globalization;
using System.Text.Json;

namespace StandardsCloud.Occi.Wire;

/// <summary>Writes the JSON rendering (GFD.225 §3): categories, entities, collections.</summary>
public static class JsonRenderer
{
    // The member names every entity repeats, escaped once.
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText MixinsName = JsonEncodedText.Encode("mixins");
    private static readonly JsonEncodedText AttributesName = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText ActionsName = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText SummaryName = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText LinksName = JsonEncodedText.Encode("links");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText TargetName = JsonEncodedText.Encode("target");
    private static readonly JsonEncodedText LocationName = JsonEncodedText.Encode("location");

    /// <summary>The query interface: <c>{"kinds":[…],"mixins":[…],"actions":[…]}</c> (GFD.225 §3.4).</summary>
    public static void Model(Utf8JsonWriter json, IReadOnlyCollection<Category> categories)
    {
        json.WriteStartObject();
        Section(json, "kinds", categories.OfType<Kind>());
        Section(json, "mixins", categories.OfType<Mixin>());
        Section(json, "actions", categories.OfType<ActionDefinition>());
        json.WriteEndObject();
    }

    /// <summary>
    /// A collection: <c>{"resources":[…],"links":[…]}</c>, each section only when asked for.
    /// <paramref name="drain"/> runs after each entity, so a large collection can be sent as it is written.
    /// </summary>
    public static async Task CollectionAsync(Utf8JsonWriter json, IAsyncEnumerable<ResourceView>? resources, IReadOnlyList<LinkView>? links, Func<ValueTask> drain)
    {
        json.WriteStartObject();
        if (resources is not null)
        {
            json.WriteStartArray("resources");
            await foreach (var resource in resources.ConfigureAwait(false))
            {
                Resource(json, resource);
                await drain().ConfigureAwait(false);
            }

            json.WriteEndArray();
        }

        if (links is not null)
        {
            json.WriteStartArray("links");
            foreach (var link in links)
            {
                Link(json, link);
                await drain().ConfigureAwait(false);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    // GFD.225 §3.5.1
    public static void Resource(Utf8JsonWriter json, ResourceView resource)
    {
        json.WriteStartObject();
        EntityHead(json, resource.Kind, resource.Mixins, resource.Attributes, resource.Actions, resource.Id, resource.Title);
        if (resource.Summary is { } summary)
        {
            json.WriteString(SummaryName, summary);
        }

        if (resource.Links.Count > 0)
        {
            json.WriteStartArray(LinksName);
            foreach (var link in resource.Links)
            {
                Link(json, link);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    // GFD.225 §3.5.2
    public static void Link(Utf8JsonWriter json, LinkView link)
    {
        json.WriteStartObject();
        EntityHead(json, link.Kind, link.Mixins, link.Attributes, link.Actions, link.Id, link.Title);
        KindedUri(json, SourceName, link.Source);
        KindedUri(json, TargetName, link.Target);
        json.WriteEndObject();
    }

    public static void Category(Utf8JsonWriter json, Category category)
    {
        json.WriteStartObject();
        json.WriteString("term", category.Id.Term);
        json.WriteString("scheme", category.Id.Scheme);
        json.WriteString("title", category.Title);
        if (category.Attributes.Count > 0)
        {
            json.WriteStartObject("attributes");
            foreach (var definition in category.Attributes)
            {
                AttributeDefinition(json, definition);
            }

            json.WriteEndObject();
        }

        switch (category)
        {
            case Kind kind:
                Identifiers(json, "actions", kind.Actions);
                if (kind.Parent is { } parent)
                {
                    json.WriteString("parent", parent.Identifier);
                }

                if (kind.Location is { } location)
                {
                    json.WriteString("location", location);
                }

                break;
            case Mixin mixin:
                Identifiers(json, "actions", mixin.Actions);
                Identifiers(json, "depends", mixin.Depends);
                Identifiers(json, "applies", mixin.Applies);
                json.WriteString("location", mixin.Location);
                break;
            default:
                break;
        }

        json.WriteEndObject();
    }

    public static void Value(Utf8JsonWriter json, OcciValue value)
    {
        switch (value.Type)
        {
            // Integers stay integers (every one of them reads as a double too); fractions keep the digits they were given.
            case AttributeType.Number when long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                json.WriteNumberValue(integer);
                break;
            case AttributeType.Number when double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                json.WriteNumberValue(number);
                break;
            case AttributeType.Boolean:
                json.WriteBooleanValue(value.Text == "true");
                break;
            default:
                json.WriteStringValue(value.Text);
                break;
        }
    }

    // GFD.225 §3.5: what resources and links both begin with.
    private static void EntityHead(Utf8JsonWriter json, CategoryId kind, IReadOnlyList<CategoryId> mixins, IReadOnlyList<OcciAttribute> attributes,
        IReadOnlyList<ActionLink> actions, string id, string? title)
    {
        json.WriteString(KindName, kind.Identifier);
        json.WriteStartArray(MixinsName);
        foreach (var mixin in mixins)
        {
            json.WriteStringValue(mixin.Identifier);
        }

        json.WriteEndArray();
        Attributes(json, attributes);
        json.WriteStartArray(ActionsName);
        foreach (var action in actions)
        {
            json.WriteStringValue(action.Action.Identifier);
        }

        json.WriteEndArray();
        json.WriteString(IdName, id);
        if (title is not null)
        {
            json.WriteString(TitleName, title);
        }
    }

    private static void Section(Utf8JsonWriter json, string name, IEnumerable<Category> categories)
    {
        json.WriteStartArray(name);
        foreach (var category in categories)
        {
            Category(json, category);
        }

        json.WriteEndArray();
    }

    private static void AttributeDefinition(Utf8JsonWriter json, AttributeDefinition definition)
    {
        json.WriteStartObject(definition.Name);
        json.WriteBoolean("mutable", definition.Mutable);
        json.WriteBoolean("required", definition.Required);
        json.WriteString("type", definition.Type.ToString().ToLowerInvariant());
        if (definition.Default is { } value)
        {
            json.WritePropertyName("default");
            Value(json, value);
        }

        if (definition.Description is { } description)
        {
            json.WriteString("description", description);
        }

        json.WriteEndObject();
    }

    private static void Attributes(Utf8JsonWriter json, IReadOnlyList<OcciAttribute> attributes)
    {
        json.WriteStartObject(AttributesName);
        foreach (var attribute in attributes)
        {
            json.WritePropertyName(attribute.Name);
            Value(json, attribute.Value);
        }

        json.WriteEndObject();
    }

    private static void Identifiers(Utf8JsonWriter json, string name, IReadOnlyList<CategoryId> ids)
    {
        json.WriteStartArray(name);
        foreach (var id in ids)
        {
            json.WriteStringValue(id.Identifier);
        }

        json.WriteEndArray();
    }

    private static void KindedUri(Utf8JsonWriter json, JsonEncodedText name, KindedUri uri)
    {
        json.WriteStartObject(name);
        json.WriteString(LocationName, uri.Location);
        if (uri.Kind is { } kind)
        {
            json.WriteString(KindName, kind.Identifier);
        }

        json.WriteEndObject();
    }
}
