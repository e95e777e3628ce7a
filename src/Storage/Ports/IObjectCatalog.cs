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

    /// <summary>Adds a new record; false when its path (or ID) is taken.</summary>
    Task<bool> InsertAsync(StoredObject record, CancellationToken ct);

    /// <summary>
    /// Reads the record <paramref name="id"/>, applies <paramref name="change"/> and stores the result
    /// unless another writer changed the record meanwhile (then it reads and applies again).
    /// Returns the record before and after, or null when there is no such record or the change
    /// declined (returned null).
    /// </summary>
    Task<(StoredObject Before, StoredObject After)?> UpdateAsync(string id, Func<StoredObject, StoredObject?> change, CancellationToken ct);

    /// <summary>Removes records by ID.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken ct);
}
