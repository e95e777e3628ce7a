using JasperFx;
using Marten;
using Marten.Exceptions;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Ports;
using Weasel.Core;

namespace StandardsCloud.Storage.Marten;

/// <summary>
/// Object records as Marten documents: unique by path, listed by parent path, updated with
/// optimistic concurrency so two writers never overwrite each other's change. A tree moves in one
/// transaction; row locks keep a new record from landing under a container that moves meanwhile.
/// </summary>
public sealed class MartenObjectCatalog(IDocumentStore store) : IObjectCatalog, IAsyncDisposable
{
    private const int MaxRetries = 20;

    /// <summary>A document store for the catalog in the given PostgreSQL schema.</summary>
    public static DocumentStore Create(string connectionString, string schema) =>
        DocumentStore.For(options =>
        {
            options.Connection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
            options.Schema.For<StoredObject>()
                .DocumentAlias("cdmi_object")
                .UseOptimisticConcurrency(true)
                .Duplicate(o => o.Path, configure: index => index.IsUnique = true)
                .Duplicate(o => o.ParentPath);
        });

    public async Task<StoredObject?> FindByPathAsync(string path, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<StoredObject>().FirstOrDefaultAsync(o => o.Path == path, ct);
    }

    public async Task<StoredObject?> FindByIdAsync(string id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<StoredObject>(id, ct);
    }

    public async Task<IReadOnlyList<StoredObject>> ChildrenAsync(string containerPath, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<StoredObject>().Where(o => o.ParentPath == containerPath).OrderBy(o => o.Path).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<StoredObject>> DescendantsAsync(string containerPath, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await BelowAsync(session, containerPath, ct);
    }

    public async Task<bool> InsertAsync(StoredObject record, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (record.ParentId is { } parentId)
        {
            // A parent moved or deleted since it was read would leave the record where nobody lists it.
            await session.BeginTransactionAsync(ct);
            if (await HeldPathAsync(session, parentId, ct) != record.ParentPath)
            {
                return false;
            }
        }

        session.Insert(record);
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<(StoredObject Before, StoredObject After)?> UpdateAsync(string id, Func<StoredObject, StoredObject?> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var current = await session.LoadAsync<StoredObject>(id, ct);
            if (current is null || change(current) is not { } next)
            {
                return null;
            }

            session.Update(next);
            try
            {
                await session.SaveChangesAsync(ct);
                return (current, next);
            }
            catch (ConcurrencyException) when (attempt < MaxRetries)
            {
                // Another writer got there first: read its result and apply the change to it.
            }
        }
    }

    public async Task<CatalogMove> MoveTreeAsync(string id, string destinationId, Func<ObjectTree, StoredObject?, ObjectTree?> move, CancellationToken ct)
    {
        for (var attempt = 0; attempt <= MaxRetries; attempt++)
        {
            try
            {
                if (await TryMoveTreeAsync(id, destinationId, move, ct) is { } done)
                {
                    return done;
                }
            }
            catch (Exception e) when (IsConflict(e))
            {
                // Another writer changed a record of the tree after it was read (or two moves waited for each other): read it all again.
            }
        }

        return new CatalogMove(CatalogMoveStatus.Contended);
    }

    /// <summary>One try at a move in one transaction; null when a record was added below the tree meanwhile.</summary>
    private async Task<CatalogMove?> TryMoveTreeAsync(string id, string destinationId, Func<ObjectTree, StoredObject?, ObjectTree?> move, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);

        // The destination stays where it is read until the move is stored, as a new record's parent does.
        var destination = await HeldPathAsync(session, destinationId, ct) is null ? null : await session.LoadAsync<StoredObject>(destinationId, ct);
        var root = await session.LoadAsync<StoredObject>(id, ct);
        if (root is null)
        {
            return new CatalogMove(CatalogMoveStatus.NotFound);
        }

        var holds = root.Path.EndsWith('/');
        var before = new ObjectTree(root, holds ? await BelowAsync(session, root.Path, ct) : []);
        if (move(before, destination) is not { } after)
        {
            return new CatalogMove(CatalogMoveStatus.Declined);
        }

        // Hold every record read, in path order. An insert that holds one of them as its parent is waited for;
        // one that comes later waits for the move, then finds its parent gone from its path and adds nothing.
        await HoldAsync(session, [root.Id, .. before.Below.Select(o => o.Id)], ct);

        // What is below the tree now that was not read was added meanwhile: read again rather than leave it behind.
        if (holds && !(await BelowIdsAsync(session, root.Path, ct)).SetEquals(before.Below.Select(o => o.Id)))
        {
            return null;
        }

        foreach (var record in after.Below.Prepend(after.Root))
        {
            session.Update(record);
        }

        try
        {
            // Each record is stored only at the version read (optimistic concurrency), all in this one transaction.
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            return new CatalogMove(CatalogMoveStatus.PathTaken);
        }

        return new CatalogMove(CatalogMoveStatus.Moved, before, after);
    }

    private string Table => store.Options.Schema.For<StoredObject>();

    /// <summary>
    /// The path of record <paramref name="id"/> (null when there is none), which stays its path until the session's
    /// transaction ends: a move or delete locks the record for update first and waits. The weakest lock that does so
    /// (KEY SHARE) leaves the record's own updates (its cdmi_atime, its metadata) free to go on meanwhile.
    /// </summary>
    private async Task<string?> HeldPathAsync(IDocumentSession session, string id, CancellationToken ct) =>
        (await session.AdvancedSql.QueryAsync<string>($"select path from {Table} where id = ? for key share", ct, id)).SingleOrDefault();

    /// <summary>Locks the records <paramref name="ids"/> for update until the session's transaction ends, in path order so two holders never wait for each other.</summary>
    private Task HoldAsync(IDocumentSession session, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        session.AdvancedSql.QueryAsync<string>($"select id from {Table} where id = any(?) order by path for update", ct, (object)ids.ToArray());

    private static async Task<IReadOnlyList<StoredObject>> BelowAsync(IQuerySession session, string containerPath, CancellationToken ct)
    {
        var rows = await session.Query<StoredObject>()
            .Where(o => o.Path.StartsWith(containerPath) && o.Path != containerPath)
            .OrderBy(o => o.Path)
            .ToListAsync(ct);
        // LIKE reads '_' and '%' as wildcards; keep only true descendants.
        return [.. rows.Where(o => o.Path.StartsWith(containerPath, StringComparison.Ordinal))];
    }

    private async Task<HashSet<string>> BelowIdsAsync(IDocumentSession session, string containerPath, CancellationToken ct) =>
    [
        .. await session.AdvancedSql.QueryAsync<string>($"select id from {Table} where starts_with(path, ?) and path <> ?", ct, containerPath, containerPath),
    ];

    public async Task<bool> DeleteTreeAsync(StoredObject root, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);

        // Held as a move holds its tree: an insert below waits, then finds its parent gone and adds nothing.
        await HoldAsync(session, ids, ct);
        if (root.Path.EndsWith('/') && !(await BelowIdsAsync(session, root.Path, ct)).IsSubsetOf(ids))
        {
            return false;
        }

        foreach (var id in ids)
        {
            session.Delete<StoredObject>(id);
        }

        await session.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A write that lost to another writer: a record changed after it was read (ConcurrencyException, one or many), or a deadlock.</summary>
    private static bool IsConflict(Exception e) =>
        e is ConcurrencyException
        || (e is AggregateException many && many.InnerExceptions.All(IsConflict))
        || (e is Npgsql.PostgresException { SqlState: "40P01" } || e.InnerException is Npgsql.PostgresException { SqlState: "40P01" });

    private static bool IsUniqueViolation(Exception e) =>
        e is DocumentAlreadyExistsException
        || (e is MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        || e.InnerException is Npgsql.PostgresException { SqlState: "23505" };

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        return ValueTask.CompletedTask;
    }
}
