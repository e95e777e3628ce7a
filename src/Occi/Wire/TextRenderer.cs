using System.Text;

namespace StandardsCloud.Occi.Wire;

/// <summary>
/// Writes the text renderings (GFD.229) as named fields; the HTTP layer puts them in headers
/// (<c>text/occi</c>) or body lines (<c>text/plain</c>). Locations of entities are given absolute,
/// action links and category locations relative, as clients join them to the service URL.
/// </summary>
public static class TextRenderer
{
    /// <summary>A category as the query interface lists it, with its full definition (GFD.229 §3.1).</summary>
    public static string Definition(Category category)
    {
        var line = new StringBuilder(Identity(category.Id, category.Class));
        line.Append("; title=").Append(TextSyntax.Quote(category.Title));
        switch (category)
        {
            case Kind kind:
                if (kind.Parent is { } parent)
                {
                    line.Append("; rel=\"").Append(parent.Identifier).Append('"');
                }

                if (kind.Location is { } location)
                {
                    line.Append("; location=\"").Append(location).Append('"');
                }

                break;
            case Mixin mixin:
                if (mixin.Depends.Count > 0)
                {
                    line.Append("; rel=\"").AppendJoin(' ', mixin.Depends.Select(d => d.Identifier)).Append('"');
                }

                line.Append("; location=\"").Append(mixin.Location).Append('"');
                break;
            default:
                break;
        }

        if (category.Attributes.Count > 0)
        {
            line.Append("; attributes=\"").AppendJoin(' ', category.Attributes.Select(AttributeDefinitionText)).Append('"');
        }

        var actions = category switch { Kind k => k.Actions, Mixin m => m.Actions, _ => [] };
        if (actions.Count > 0)
        {
            line.Append("; actions=\"").AppendJoin(' ', actions.Select(a => a.Identifier)).Append('"');
        }

        return line.ToString();
    }

    /// <summary><c>term; scheme="…"; class="…"</c>: how an entity names its kind and mixins.</summary>
    public static string Identity(CategoryId id, CategoryClass cls) =>
        $"{id.Term}; scheme=\"{id.Scheme}\"; class=\"{cls.ToString().ToLowerInvariant()}\"";

    public static IEnumerable<(string Name, string Value)> Resource(ResourceView resource)
    {
        yield return (TextParser.CategoryField, Identity(resource.Kind, CategoryClass.Kind));
        foreach (var mixin in resource.Mixins)
        {
            yield return (TextParser.CategoryField, Identity(mixin, CategoryClass.Mixin));
        }

        foreach (var link in resource.Links)
        {
            yield return (TextParser.LinkField, InlineLink(link));
        }

        foreach (var action in resource.Actions)
        {
            yield return (TextParser.LinkField, ActionLinkText(action));
        }

        yield return (TextParser.AttributeField, Attribute("occi.core.id", OcciValue.Of(resource.Id)));
        if (resource.Title is { } title)
        {
            yield return (TextParser.AttributeField, Attribute("occi.core.title", OcciValue.Of(title)));
        }

        if (resource.Summary is { } summary)
        {
            yield return (TextParser.AttributeField, Attribute("occi.core.summary", OcciValue.Of(summary)));
        }

        foreach (var attribute in resource.Attributes)
        {
            yield return (TextParser.AttributeField, Attribute(attribute.Name, attribute.Value));
        }
    }

    public static IEnumerable<(string Name, string Value)> Link(LinkView link)
    {
        yield return (TextParser.CategoryField, Identity(link.Kind, CategoryClass.Kind));
        foreach (var mixin in link.Mixins)
        {
            yield return (TextParser.CategoryField, Identity(mixin, CategoryClass.Mixin));
        }

        foreach (var action in link.Actions)
        {
            yield return (TextParser.LinkField, ActionLinkText(action));
        }

        yield return (TextParser.AttributeField, Attribute("occi.core.id", OcciValue.Of(link.Id)));
        if (link.Title is { } title)
        {
            yield return (TextParser.AttributeField, Attribute("occi.core.title", OcciValue.Of(title)));
        }

        yield return (TextParser.AttributeField, Attribute("occi.core.source", OcciValue.Of(link.Source.Location)));
        yield return (TextParser.AttributeField, Attribute("occi.core.target", OcciValue.Of(link.Target.Location)));
        foreach (var attribute in link.Attributes)
        {
            yield return (TextParser.AttributeField, Attribute(attribute.Name, attribute.Value));
        }
    }

    public static string Attribute(string name, OcciValue value) =>
        name + "=" + (value.Type == AttributeType.String ? TextSyntax.Quote(value.Text) : value.Text);

    // GFD.229 §3.2: a resource's link, with the link's own location and attributes.
    private static string InlineLink(LinkView link)
    {
        var text = new StringBuilder()
            .Append('<').Append(link.Target.Location).Append(">; rel=\"").Append(link.Target.Kind?.Identifier ?? "").Append('"')
            .Append("; self=\"").Append(link.Location).Append('"')
            .Append("; category=\"").AppendJoin(' ', new[] { link.Kind }.Concat(link.Mixins).Select(c => c.Identifier)).Append('"');
        text.Append("; ").Append(Attribute("occi.core.id", OcciValue.Of(link.Id)));
        foreach (var attribute in link.Attributes)
        {
            text.Append("; ").Append(Attribute(attribute.Name, attribute.Value));
        }

        return text.ToString();
    }

    private static string ActionLinkText(ActionLink action) => $"<{action.Href}>; rel=\"{action.Action.Identifier}\"";

    private static string AttributeDefinitionText(AttributeDefinition definition)
    {
        var properties = (definition.Mutable, definition.Required) switch
        {
            (true, false) => "",
            (true, true) => "{required}",
            (false, false) => "{immutable}",
            (false, true) => "{immutable required}",
        };
        return definition.Name + properties;
    }
}
