using JasperFx;
using Marten;
using Marten.Exceptions;
using Marten.Linq.MatchesSql;
using Weasel.Core;

namespace StandardsCloud.Marketplace.Entries;

/// <summary>What became of storing a new entry.</summary>
public enum StoreResult
{
    Stored,
    /// <summary>The entry is not newer than the latest of its identifier and endorser.</summary>
    NotNewer,
    /// <summary>Another upload for the same identifier and endorser was stored first.</summary>
    Raced,
}

/// <summary>Marketplace entries in PostgreSQL through Marten. Entries are only ever added; an older one loses its latest mark.</summary>
public sealed class MarketplaceStore(IDocumentStore store) : IAsyncDisposable
{
    /// <summary>Configures Marten for the Marketplace in the given PostgreSQL schema.</summary>
    public static DocumentStore Create(string connectionString, string schema) =>
        DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);

            // Words, tags and locations are arrays matched by containment (@>), which a GIN index
            // answers exactly and PostgreSQL's element statistics estimate well, so the planner can
            // choose between walking the newest entries and intersecting the words' posting lists.
            options.Schema.For<MarketplaceEntry>()
                .Duplicate(e => e.SearchWords, pgType: "text[]", configure: Gin)
                .Duplicate(e => e.Tags, pgType: "text[]", configure: Gin)
                .Duplicate(e => e.Locations, pgType: "text[]", configure: Gin)
                .Duplicate(e => e.Identifier)
                .Duplicate(e => e.Email)
                .Duplicate(e => e.IsLatest)
                .Duplicate(e => e.IsDeprecated)
                .Duplicate(e => e.Valid)
                .Duplicate(e => e.Created)
                .Duplicate(e => e.Sha1)
                .Duplicate(e => e.Os!)
                .Duplicate(e => e.OsArch!)
                // Listings are newest first: these answer "this os and arch" and "this endorser" in that order.
                .Index([e => e.Os!, e => e.OsArch!, e => e.Created])
                .Index([e => e.Email, e => e.Created]);
            options.Schema.For<EntryHead>().UseOptimisticConcurrency(true);
            options.Schema.For<EndorserRecord>();
        });

    public IDocumentStore Documents => store;

    private static void Gin(Marten.Schema.DocumentIndex index) => index.Method = Weasel.Postgresql.Tables.IndexMethod.gin;

    /// <summary>
    /// Brings the schema up to date, then gives entries stored before search by words their words.
    /// Servers starting together on one database race to create the same tables and functions; the
    /// loser sees a duplicate and simply tries again.
    /// </summary>
    public static async Task MigrateAsync(IDocumentStore store)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
                await AddMissingWordsAsync(store).ConfigureAwait(false);
                return;
            }
            catch (Marten.Exceptions.MartenSchemaException e) when (attempt < 3 && e.InnerException is Npgsql.PostgresException { SqlState: "23505" or "42710" })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Entries without words (stored before search by words) get them, a thousand at a time; none are left afterwards.</summary>
    private static async Task AddMissingWordsAsync(IDocumentStore store)
    {
        while (true)
        {
            await using var session = store.LightweightSession();
            var missing = await session.Query<MarketplaceEntry>().Where(e => e.MatchesSql("d.search_words is null")).Take(1000).ToListAsync().ConfigureAwait(false);
            if (missing.Count == 0)
            {
                return;
            }

            foreach (var entry in missing)
            {
                entry.SearchWords = entry.WordsOfFields();
                session.Update(entry);
            }

            await session.SaveChangesAsync().ConfigureAwait(false);
        }
    }

    public async Task<StoreResult> AddAsync(MarketplaceEntry entry, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var headId = $"{entry.Identifier}/{entry.Email}";
        var head = await session.LoadAsync<EntryHead>(headId, ct).ConfigureAwait(false);
        if (head is not null && entry.Created <= head.LatestCreated)
        {
            return StoreResult.NotNewer;
        }

        if (head is null)
        {
            session.Insert(new EntryHead { Id = headId, LatestId = entry.Id, LatestCreated = entry.Created });
        }
        else
        {
            var previous = await session.LoadAsync<MarketplaceEntry>(head.LatestId, ct).ConfigureAwait(false);
            if (previous is not null)
            {
                previous.IsLatest = false;
                session.Update(previous);
            }

            head.LatestId = entry.Id;
            head.LatestCreated = entry.Created;
            session.Update(head);
        }

        var endorser = await session.LoadAsync<EndorserRecord>(entry.Email, ct).ConfigureAwait(false) ?? new EndorserRecord { Id = entry.Email };
        endorser.Subject = entry.Subject;
        endorser.Issuer = entry.Issuer;
        endorser.Entries++;
        endorser.LastUpload = entry.UploadedAt;
        endorser.Certificate = entry.Certificate;
        session.Store(endorser);
        session.Insert(entry);
        try
        {
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
            return StoreResult.Stored;
        }
        catch (Exception e) when (e is ConcurrencyException or DocumentAlreadyExistsException or ConcurrentUpdateException)
        {
            return StoreResult.Raced;
        }
    }

    public async Task<MarketplaceEntry?> GetAsync(string id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<MarketplaceEntry>(id, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MarketplaceEntry>> QueryAsync(EntryQuery query, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        IQueryable<MarketplaceEntry> entries = session.Query<MarketplaceEntry>();
        entries = query.Status switch
        {
            "all" => entries,
            "expired" => entries.Where(e => e.IsLatest && !e.IsDeprecated && e.Valid != null && e.Valid <= now),
            "deprecated" => entries.Where(e => e.IsLatest && e.IsDeprecated),
            _ => entries.Where(e => e.IsLatest && !e.IsDeprecated && (e.Valid == null || e.Valid > now)),
        };
        if (query.Identifier is { } identifier)
        {
            entries = entries.Where(e => e.Identifier == identifier);
        }

        if (query.Email is { } email)
        {
            var lower = email.ToLowerInvariant();
            entries = entries.Where(e => e.Email == lower);
        }

        if (query.Created is { } created)
        {
            entries = entries.Where(e => e.CreatedText == created);
        }

        if (query.Location is { } location)
        {
            var parameters = ArrayOf(location);
            entries = entries.Where(e => e.MatchesSql("d.locations @> ?", parameters));
        }

        if (query.Tag is { } tag)
        {
            var parameters = ArrayOf(tag);
            entries = entries.Where(e => e.MatchesSql("d.tags @> ?", parameters));
        }

        if (query.Os is { } os)
        {
            entries = entries.Where(e => e.Os == os);
        }

        if (query.Arch is { } arch)
        {
            entries = entries.Where(e => e.OsArch == arch);
        }

        if (SearchWords.Of([query.Text]) is { Count: > 0 } words)
        {
            var parameters = ArrayOf([.. words]);
            entries = entries.Where(e => e.MatchesSql("d.search_words @> ?", parameters));
        }

        return await entries.OrderByDescending(e => e.Created).Take(Math.Clamp(query.Limit, 1, 1000)).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>One text[] parameter (a bare string[] would be spread over several).</summary>
    private static object[] ArrayOf(params string[] values) => [values];

    public async Task<IReadOnlyList<EndorserRecord>> EndorsersAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<EndorserRecord>().OrderBy(e => e.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        return ValueTask.CompletedTask;
    }
}
