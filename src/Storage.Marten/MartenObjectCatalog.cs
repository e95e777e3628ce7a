using JasperFx;
using Marten;
using Marten.Exceptions;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Ports;
using Weasel.Core;

namespace StandardsCloud.Storage.Marten;

/// <summary>
/// Object records as Marten documents: unique by path, listed by parent path, updated with
/// optimistic concurrency so two writers never overwrite each other's change.
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
        var rows = await session.Query<StoredObject>()
            .Where(o => o.Path.StartsWith(containerPath) && o.Path != containerPath)
            .OrderBy(o => o.Path)
            .ToListAsync(ct);
        // LIKE reads '_' and '%' as wildcards; keep only true descendants.
        return [.. rows.Where(o => o.Path.StartsWith(containerPath, StringComparison.Ordinal))];
    }

    public async Task<bool> InsertAsync(StoredObject record, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
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

    public async Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var session = store.LightweightSession();
        foreach (var id in ids)
        {
            session.Delete<StoredObject>(id);
        }

        await session.SaveChangesAsync(ct);
    }

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
