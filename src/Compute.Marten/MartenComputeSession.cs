using System.Linq.Expressions;
using JasperFx.Events;
using Marten;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Marten;

/// <summary>One Marten session as the core's unit of work; <paramref name="schema"/> keeps its locks apart from other clouds' on the same server.</summary>
internal sealed partial class MartenComputeSession(IDocumentSession session, string schema) : IComputeSession
{
    public Task<Instance?> FindInstanceAsync(string id, CancellationToken ct) => session.LoadAsync<Instance>(id, ct);

    public async Task<IReadOnlyList<Instance>> ListInstancesAsync(InstanceQuery query, CancellationToken ct)
    {
        await using var command = InstanceSql.Select("d.data", InstanceTable, query);
        await using var reader = await session.ExecuteReaderAsync(command, ct).ConfigureAwait(false);
        var instances = new List<Instance>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            instances.Add(Serializer.FromJson<Instance>(reader, 0));
        }

        return instances;
    }

    // Only the handle's fields leave PostgreSQL: no whole documents to render and deserialize.
    public async Task<IReadOnlyList<InstanceHandle>> ListInstanceHandlesAsync(InstanceQuery query, CancellationToken ct)
    {
        await using var command = InstanceSql.Select("d.id, d.client_token, d.state, d.data ->> 'Intent'", InstanceTable, query);
        await using var reader = await session.ExecuteReaderAsync(command, ct).ConfigureAwait(false);
        var handles = new List<InstanceHandle>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            handles.Add(new InstanceHandle
            {
                Id = reader.GetString(0),
                ClientToken = reader.IsDBNull(1) ? null : reader.GetString(1),
                State = Enum.Parse<InstanceState>(reader.GetString(2)),
                Intent = reader.IsDBNull(3) ? default : Enum.Parse<InstanceIntent>(reader.GetString(3)),
            });
        }

        return handles;
    }

    private string InstanceTable => TableOf<Instance>();

    // The qualified table of a document type, as Marten names it in this store's schema.
    private string TableOf<T>() => session.DocumentStore.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    private ISerializer Serializer => session.DocumentStore.Options.Serializer();

    public async Task<IReadOnlyList<HostShare>> HostSharesAsync(CancellationToken ct) =>
        await session.Query<Instance>()
            .Where(i => i.HoldsHost)
            .Select(i => new HostShare(i.HostId!, i.Cpus, i.MemoryMiB))
            .ToListAsync(ct).ConfigureAwait(false);

    public async Task<Usage> UsageOfAsync(string owner, CancellationToken ct)
    {
        var counted = session.Query<Instance>().Where(i => i.Owner == owner && i.CountsForQuota);
        var instances = await counted.CountAsync(ct).ConfigureAwait(false);
        if (instances == 0)
        {
            return new Usage(0, 0, 0);
        }

        var cpus = await counted.SumAsync(i => i.Cpus, ct).ConfigureAwait(false);
        var memory = await counted.SumAsync(i => i.MemoryMiB, ct).ConfigureAwait(false);
        return new Usage(instances, cpus, memory);
    }

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string instanceId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(instanceId, token: ct).ConfigureAwait(false);
        return [.. events.Select(ToEntry)];
    }

    public void StartInstance(InstanceRequested first) => session.Events.StartStream<Instance>(first.InstanceId, first);

    public void AppendInstance(string instanceId, long expectedVersion, IReadOnlyList<IInstanceEvent> events) =>
        // Marten's expected version is the stream's version once these events are in.
        session.Events.Append(instanceId, expectedVersion + events.Count, events.Cast<object>().ToArray());

    public void Record(string stream, IResourceEvent change) => session.Events.Append(stream, change);

    public async Task<IReadOnlyList<HistoryEntry>> ResourceHistoryAsync(string stream, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(stream, token: ct).ConfigureAwait(false);
        return [.. events.Select(ToEntry)];
    }

    public Task<T?> LoadAsync<T>(string id, CancellationToken ct) where T : class => session.LoadAsync<T>(id, ct);

    public async Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken ct) where T : class =>
        await session.Query<T>().ToListAsync(ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(Expression<Func<T, bool>> where, CancellationToken ct) where T : class =>
        await session.Query<T>().Where(where).ToListAsync(ct).ConfigureAwait(false);

    // One statement, each row tagged with its kind: volumes attached to the instances ($1), addresses
    // associated with them, then the groups ($2) and key pairs ($3) they name. Read only: the session
    // does not track these documents' versions, so they are never stored back from here.
    public async Task<InstanceSurroundings> SurroundingsAsync(IReadOnlyCollection<Instance> instances, CancellationToken ct)
    {
        if (instances.Count == 0)
        {
            return InstanceSurroundings.None;
        }

        var ids = instances.Select(i => i.Id).ToArray();
        var groupIds = instances.SelectMany(i => i.SecurityGroupIds).Distinct(StringComparer.Ordinal).ToArray();
        var keyIds = instances.Where(i => i.KeyName is not null).Select(i => KeyPair.IdOf(i.Owner, i.KeyName!)).Distinct(StringComparer.Ordinal).ToArray();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select 0, d.data from {TableOf<Volume>()} as d where d.state != 'Deleted' "
            + "and exists (select 1 from jsonb_array_elements(d.data -> 'Attachments') as a where a ->> 'InstanceId' = any($1)) "
            + $"union all select 1, d.data from {TableOf<PublicAddress>()} as d where d.instance_id = any($1) "
            + $"union all select 2, d.data from {TableOf<SecurityGroup>()} as d where d.id = any($2) "
            + $"union all select 3, d.data from {TableOf<KeyPair>()} as d where d.id = any($3)")
        {
            Parameters = { new() { Value = ids }, new() { Value = groupIds }, new() { Value = keyIds } },
        };
        var (volumes, addresses, groups, keys) = (new List<Volume>(), new List<PublicAddress>(), new List<SecurityGroup>(), new List<KeyPair>());
        await using var reader = await session.ExecuteReaderAsync(command, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            switch (reader.GetInt32(0))
            {
                case 0: volumes.Add(Serializer.FromJson<Volume>(reader, 1)); break;
                case 1: addresses.Add(Serializer.FromJson<PublicAddress>(reader, 1)); break;
                case 2: groups.Add(Serializer.FromJson<SecurityGroup>(reader, 1)); break;
                default: keys.Add(Serializer.FromJson<KeyPair>(reader, 1)); break;
            }
        }

        return new InstanceSurroundings(volumes, addresses, groups, keys);
    }

    public async Task<IReadOnlySet<string>> PrivateAddressesInUseAsync(CancellationToken ct) =>
        (await session.Query<Instance>().Where(i => i.HoldsAddress).Select(i => i.PrivateAddress!).ToListAsync(ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);

    public void Store<T>(T document) where T : class => session.Store(document);

    public void Insert<T>(T document) where T : class => session.Insert(document);

    public void Delete<T>(string id) where T : class => session.Delete<T>(id);

    public async Task LockAsync(string key, CancellationToken ct)
    {
        // A transaction-scoped advisory lock: PostgreSQL frees it at commit or rollback, so a holder that dies keeps nothing,
        // and the session's later reads run in that transaction.
        await session.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand("select pg_advisory_xact_lock($1)", session.Connection)
        {
            Parameters = { new() { Value = LockKey(schema, key) } },
        };
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<ComputeStatus> SaveAsync(CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
            return ComputeStatus.Ok;
        }
        catch (Exception e) when (IsConflict(e))
        {
            return ComputeStatus.Conflict;
        }
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    private static bool IsConflict(Exception e) =>
        e is JasperFx.ConcurrencyException or global::JasperFx.DocumentAlreadyExistsException or EventStreamUnexpectedMaxEventIdException
            or JasperFx.Events.ExistingStreamIdCollisionException or global::Marten.Exceptions.ExistingStreamIdCollisionException
        || e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || (e is AggregateException agg && agg.InnerExceptions.Any(IsConflict))
        || (e.InnerException is { } inner && IsConflict(inner));

    private static long LockKey(string schema, string key) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("standardscloud-lock:" + schema + "\n" + key)), 0);

    private static HistoryEntry ToEntry(IEvent e)
    {
        var (context, description) = e.Data switch
        {
            IInstanceEvent i => (i.Context, i.Describe()),
            IResourceEvent r => (r.Context, r.Describe()),
            _ => (null, e.EventTypeName),
        };
        return new HistoryEntry(e.Version, context?.At ?? e.Timestamp, e.EventTypeName, context?.Actor ?? "", context?.Via ?? "", description);
    }
}
