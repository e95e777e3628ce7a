namespace StandardsCloud.Occi.Wire;

/// <summary>How an attribute is described in the query interface (GFD.221 §4.4.2, GFD.225 §3.2.1).</summary>
public sealed record AttributeDefinition(
    string Name,
    AttributeType Type = AttributeType.String,
    bool Mutable = true,
    bool Required = false,
    OcciValue? Default = null,
    string? Description = null);

/// <summary>A kind, mixin or action as the query interface lists it.</summary>
public abstract record Category(CategoryId Id, string Title, IReadOnlyList<AttributeDefinition> Attributes)
{
    public abstract CategoryClass Class { get; }
}

/// <summary>A kind (GFD.221 §4.4.2): the type of an entity; <see cref="Location"/> is null for kinds that cannot be instantiated.</summary>
public sealed record Kind(
    CategoryId Id,
    string Title,
    CategoryId? Parent,
    string? Location,
    IReadOnlyList<AttributeDefinition> Attributes,
    IReadOnlyList<CategoryId> Actions) : Category(Id, Title, Attributes)
{
    public override CategoryClass Class => CategoryClass.Kind;
}

/// <summary>A mixin (GFD.221 §4.4.3): templates, credentials and users' own tags.</summary>
public sealed record Mixin(
    CategoryId Id,
    string Title,
    string Location,
    IReadOnlyList<AttributeDefinition> Attributes,
    IReadOnlyList<CategoryId> Depends,
    IReadOnlyList<CategoryId> Applies,
    IReadOnlyList<CategoryId> Actions) : Category(Id, Title, Attributes)
{
    public override CategoryClass Class => CategoryClass.Mixin;
}

/// <summary>An action definition (GFD.221 §4.4.4).</summary>
public sealed record ActionDefinition(CategoryId Id, string Title, IReadOnlyList<AttributeDefinition> Attributes) : Category(Id, Title, Attributes)
{
    public override CategoryClass Class => CategoryClass.Action;
}
