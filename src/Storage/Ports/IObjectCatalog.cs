using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Ports;

/// <summary>Where object records live (PostgreSQL in production): looked up by path or ObjectID.</summary>
public interface IObjectCatalog
{
    Task<StoredObject?> FindByPathAsync(string path, CancellationToken ct);

    Task<StoredObject?> FindByIdAsync(string id, CancellationToken ct);

    /// <summary>The direct children of a container, ordered by path.</summary>
    Task<IReadOnlyList<StoredObject>> ChildrenAsync(string containerPath, CancellationToken ct);

    /// <summary>Every object below a container path (not the container itself).</summary>
    Task<IReadOnlyList<StoredObject>> DescendantsAsync(string containerPath, CancellationToken ct);

    /// <summary>
    /// Adds a new record; false when its path (or ID) is taken, or when its parent (<see cref="StoredObject.ParentId"/>)
    /// is no longer at <see cref="StoredObject.ParentPath"/> (moved or deleted meanwhile): a record is never
    /// added under a container that is not there. The parent stays where it is until the record is stored.
    /// </summary>
    Task<bool> InsertAsync(StoredObject record, CancellationToken ct);

    /// <summary>
    /// Reads the record <paramref name="id"/>, applies <paramref name="change"/> and stores the result
    /// unless another writer changed the record meanwhile (then it reads and applies again).
    /// Returns the record before and after, or null when there is no such record or the change
    /// declined (returned null).
    /// </summary>
    Task<(StoredObject Before, StoredObject After)?> UpdateAsync(string id, Func<StoredObject, StoredObject?> change, CancellationToken ct);

    /// <summary>
    /// Moves a record with every record below it, in one transaction: reads the record <paramref name="id"/>,
    /// what is below it (when its path ends with '/') and the container <paramref name="destinationId"/> it goes
    /// into (null when there is none), applies <paramref name="move"/> and stores every record of the tree it
    /// returns, or none of them (null declines). When another writer changed one of the records meanwhile, or
    /// added one below the tree, it reads and applies again. While the tree is stored no record can be added
    /// below it (see <see cref="InsertAsync"/>), and the destination container stays where it was read.
    /// </summary>
    Task<CatalogMove> MoveTreeAsync(string id, string destinationId, Func<ObjectTree, StoredObject?, ObjectTree?> move, CancellationToken ct);

    /// <summary>
    /// Removes the records <paramref name="ids"/> in one transaction: <paramref name="root"/> and, when it is a
    /// container, what was read below it. False, removing nothing, when a record was added below it meanwhile
    /// (read again and decide again); while they are removed no record can be added below them (see <see cref="InsertAsync"/>).
    /// </summary>
    Task<bool> DeleteTreeAsync(StoredObject root, IReadOnlyCollection<string> ids, CancellationToken ct);
}
