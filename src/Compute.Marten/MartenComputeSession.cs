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

    public async Task<IReadOnlyList<Instance>> ListInstancesAsync(InstanceQuery query, CancellationToken ct) =>
        await Listing(query).ToListAsync(ct).ConfigureAwait(false);

    // Only the handle's fields leave PostgreSQL: no whole documents to render and deserialize.
    public async Task<IReadOnlyList<InstanceHandle>> ListInstanceHandlesAsync(InstanceQuery query, CancellationToken ct) =>
        await Listing(query)
            .Select(i => new InstanceHandle { Id = i.Id, ClientToken = i.ClientToken, State = i.State, Intent = i.Intent })
            .ToListAsync(ct).ConfigureAwait(false);

    // The instances a query selects, in request order, paged.
    private IQueryable<Instance> Listing(InstanceQuery query)
    {
        IQueryable<Instance> q = session.Query<Instance>();
        if (query.Owner is { } owner)
        {
            q = q.Where(i => i.Owner == owner);
        }

        if (query.HostId is { } hostId)
        {
            q = q.Where(i => i.HostId == hostId);
        }

        if (query.HoldingHostOnly)
        {
            q = q.Where(i => i.HoldsHost);
        }

        if (query.ClientToken is { } token)
        {
            q = q.Where(i => i.ClientToken == token);
        }

        if (query.SecurityGroupId is { } groupId)
        {
            q = q.Where(i => i.SecurityGroupIds.Contains(groupId));
        }

        if (query.States.Count > 0)
        {
            var states = query.States.ToArray();
            q = q.Where(i => states.Contains(i.State));
        }

        q = OneOf(q, query.Ids, ids => i => ids.Contains(i.Id));
        q = OneOf(q, query.InstanceTypes, types => i => types.Contains(i.InstanceType));
        q = OneOf(q, query.ImageIds, images => i => images.Contains(i.ImageId));
        q = OneOf(q, query.ReservationIds, reservations => i => reservations.Contains(i.ReservationId));
        q = OneOf(q, query.KeyNames, names => i => names.Contains(i.KeyName!));
        q = OneOf(q, query.PrivateAddresses, addresses => i => addresses.Contains(i.PrivateAddress!));
        foreach (var (key, values) in query.Tags)
        {
            q = q.Where(values.Count == 0 ? i => i.Tags.ContainsKey(key) : TagIsOneOf(key, values));
        }

        q = q.OrderBy(i => i.RequestedAt).ThenBy(i => i.LaunchIndex).ThenBy(i => i.Id);
        return (query.Skip > 0 ? q.Skip(query.Skip) : q).Take(query.Limit);
    }

    // i => i.Tags[key] == v1 || i.Tags[key] == v2 …, a shape the LINQ provider translates.
    private static Expression<Func<Instance, bool>> TagIsOneOf(string key, IReadOnlyCollection<string> values)
    {
        var instance = Expression.Parameter(typeof(Instance), "i");
        var tag = Expression.Call(Expression.Property(instance, nameof(Instance.Tags)), "get_Item", null, Expression.Constant(key));
        var body = values.Select(v => (Expression)Expression.Equal(tag, Expression.Constant(v))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Instance, bool>>(body, instance);
    }

    private static IQueryable<Instance> OneOf(
        IQueryable<Instance> q, IReadOnlyCollection<string> values, Func<string[], Expression<Func<Instance, bool>>> where) =>
        values.Count == 0 ? q : q.Where(where([.. values]));

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

    public async Task<InstanceSurroundings> SurroundingsAsync(IReadOnlyCollection<Instance> instances, CancellationToken ct)
    {
        if (instances.Count == 0)
        {
            return InstanceSurroundings.None;
        }

        var ids = instances.Select(i => i.Id).ToArray();
        var groupIds = instances.SelectMany(i => i.SecurityGroupIds).Distinct(StringComparer.Ordinal).ToArray();
        var keyIds = instances.Where(i => i.KeyName is not null).Select(i => KeyPair.IdOf(i.Owner, i.KeyName!)).Distinct(StringComparer.Ordinal).ToArray();
        var batch = session.CreateBatchQuery();
        var volumes = batch.Query<Volume>().Where(v => v.State != VolumeState.Deleted && v.Attachments.Any(a => ids.Contains(a.InstanceId))).ToList();
        var addresses = batch.Query<PublicAddress>().Where(a => ids.Contains(a.InstanceId!)).ToList();
        var groups = groupIds.Length == 0 ? Task.FromResult<IReadOnlyList<SecurityGroup>>([]) : batch.LoadMany<SecurityGroup>().ById(groupIds);
        var keys = keyIds.Length == 0 ? Task.FromResult<IReadOnlyList<KeyPair>>([]) : batch.LoadMany<KeyPair>().ById(keyIds);
        await batch.Execute(ct).ConfigureAwait(false);
        return new InstanceSurroundings(await volumes.ConfigureAwait(false), await addresses.ConfigureAwait(false),
            await groups.ConfigureAwait(false), await keys.ConfigureAwait(false));
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
