using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Ports;

/// <summary>How a catalog's move of a tree ended: stored whole, or nothing stored.</summary>
public enum CatalogMoveStatus
{
    /// <summary>Every record of the tree was stored in one transaction.</summary>
    Moved,

    /// <summary>There is no record with the ID to move.</summary>
    NotFound,

    /// <summary>The move's change declined (returned null) for the records as they were read.</summary>
    Declined,

    /// <summary>A path the tree would take belongs to another record.</summary>
    PathTaken,

    /// <summary>Other writers kept changing the tree, or adding to it, on every try; the catalog gave up.</summary>
    Contended,
}

/// <summary>What a catalog's move stored: the tree before and after when it was <see cref="CatalogMoveStatus.Moved"/>.</summary>
public sealed record CatalogMove(CatalogMoveStatus Status, ObjectTree? Before = null, ObjectTree? After = null);
