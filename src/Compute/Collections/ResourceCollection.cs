using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Collections;

/// <summary>
/// A named set of an owner's resources, made and kept by the owner (OCCI's user mixins are these):
/// members are resource identifiers; a member that ends keeps its place until removed.
/// </summary>
public sealed class ResourceCollection
{
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";

    /// <summary>The owner's name for the collection, unique among the owner's collections.</summary>
    public string Name { get; set; } = "";

    public string? Title { get; set; }

    /// <summary>Where the owner asked the collection to be found (a path), unique among the owner's collections.</summary>
    public string Location { get; set; } = "";

    public List<string> Members { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public static string IdOf(string owner, string name) => owner + "\n" + name;
}

public sealed record CollectionCreated(EventContext Context, string Name, string Location) : IResourceEvent
{
    public string Describe() => $"collection {Name} made at {Location}";
}

public sealed record CollectionMembersChanged(EventContext Context, IReadOnlyList<string> Added, IReadOnlyList<string> Removed) : IResourceEvent
{
    public string Describe() => $"members added: {string.Join(' ', Added)}; removed: {string.Join(' ', Removed)}";
}

public sealed record CollectionDeleted(EventContext Context) : IResourceEvent
{
    public string Describe() => "collection deleted";
}
