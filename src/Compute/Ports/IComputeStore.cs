using System.Linq.Expressions;
using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Ports;

/// <summary>Where the core keeps its state. One session is one unit of work.</summary>
public interface IComputeStore
{
    IComputeSession OpenSession();
}

/// <summary>Which instances a listing returns.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only this owner's instances; null for every owner.</summary>
    public string? Owner { get; init; }

    /// <summary>Only instances placed on this host.</summary>
    public string? HostId { get; init; }

    /// <summary>Only instances in these states; empty for all.</summary>
    public IReadOnlyCollection<InstanceState> States { get; init; } = [];

    /// <summary>Only instances holding a share of their host.</summary>
    public bool HoldingHostOnly { get; init; }

    /// <summary>Only instances of this owner created with this client token.</summary>
    public string? ClientToken { get; init; }

    /// <summary>Only members of this security group.</summary>
    public string? SecurityGroupId { get; init; }

    /// <summary>Only these instances; empty for any.</summary>
    public IReadOnlyCollection<string> Ids { get; init; } = [];

    /// <summary>Only instances of these types; empty for any.</summary>
    public IReadOnlyCollection<string> InstanceTypes { get; init; } = [];

    /// <summary>Only instances of these images; empty for any.</summary>
    public IReadOnlyCollection<string> ImageIds { get; init; } = [];

    /// <summary>Only instances of these reservations; empty for any.</summary>
    public IReadOnlyCollection<string> ReservationIds { get; init; } = [];

    /// <summary>Only instances launched with one of these key pairs; empty for any.</summary>
    public IReadOnlyCollection<string> KeyNames { get; init; } = [];

    /// <summary>Only instances with one of these private addresses; empty for any.</summary>
    public IReadOnlyCollection<string> PrivateAddresses { get; init; } = [];

    /// <summary>Only instances tagged with this key and, if any are given, one of these values.</summary>
    public IReadOnlyList<(string Key, IReadOnlyCollection<string> Values)> Tags { get; init; } = [];

    /// <summary>How many of the matching instances to pass over first (oldest request first).</summary>
    public int Skip { get; init; }

    /// <summary>At most this many, oldest request first.</summary>
    public int Limit { get; init; } = 100_000;
}

/// <summary>What an owner has in use, for quota checks.</summary>
public sealed record Usage(int Instances, int Cpus, long MemoryMiB);

/// <summary>What one instance takes of its host, for capacity sums.</summary>
public sealed record HostShare(string HostId, int Cpus, long MemoryMiB);

/// <summary>One event of an instance's history, as people and APIs read it.</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset At, string Event, string Actor, string Via, string Description);

/// <summary>
/// A unit of work on the store. Instances are event-sourced (each is a stream whose events are its
/// history); hosts, users, keys and images are documents.
/// </summary>
public interface IComputeSession : IAsyncDisposable
{
    Task<Instance?> FindInstanceAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<Instance>> ListInstancesAsync(InstanceQuery query, CancellationToken ct);

    /// <summary>
    /// Every instance of <paramref name="owner"/> (of every owner when null) in request order, as <see cref="ListInstancesAsync"/>
    /// lists them, read only as far as their outlines and handed over one by one as the store reads them.
    /// </summary>
    IAsyncEnumerable<InstanceOutline> StreamInstanceOutlinesAsync(string? owner, CancellationToken ct);

    /// <summary>The same instances as <see cref="ListInstancesAsync"/>, in the same order, read only as far as their handles.</summary>
    Task<IReadOnlyList<InstanceHandle>> ListInstanceHandlesAsync(InstanceQuery query, CancellationToken ct);

    /// <summary>What every instance holding a host takes of it (only the fields that count).</summary>
    Task<IReadOnlyList<HostShare>> HostSharesAsync(CancellationToken ct);

    /// <summary>What <paramref name="owner"/> has counting against its quota.</summary>
    Task<Usage> UsageOfAsync(string owner, CancellationToken ct);

    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string instanceId, CancellationToken ct);

    /// <summary>Starts a new instance stream with its first event.</summary>
    void StartInstance(InstanceRequested first);

    /// <summary>
    /// Appends to an instance stream that must still be at <paramref name="expectedVersion"/>;
    /// otherwise saving fails with <see cref="ComputeStatus.Conflict"/>.
    /// </summary>
    void AppendInstance(string instanceId, long expectedVersion, IReadOnlyList<IInstanceEvent> events);

    /// <summary>Adds an event to the record of a document resource (see <see cref="ResourceStreams"/>).</summary>
    void Record(string stream, IResourceEvent change);

    /// <summary>The record of a document resource, oldest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> ResourceHistoryAsync(string stream, CancellationToken ct);

    Task<T?> LoadAsync<T>(string id, CancellationToken ct) where T : class;

    Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken ct) where T : class;

    /// <summary>The documents of one type that satisfy <paramref name="where"/> (a simple comparison the store can translate).</summary>
    Task<IReadOnlyList<T>> QueryAsync<T>(Expression<Func<T, bool>> where, CancellationToken ct) where T : class;

    /// <summary>
    /// What surrounds <paramref name="instances"/> (see <see cref="InstanceSurroundings"/>), in one round trip to the store;
    /// for reading only, as the session does not hold these documents for saving back.
    /// </summary>
    Task<InstanceSurroundings> SurroundingsAsync(IReadOnlyCollection<Instance> instances, CancellationToken ct);

    /// <summary>
    /// A fingerprint of every document a host's desired state is made of: the instances holding
    /// <paramref name="hostId"/>, and all images, volumes, public addresses, key pairs and security
    /// groups. Any change saved to one of them, by any process, gives a different value.
    /// </summary>
    Task<string> HostInputsStampAsync(string hostId, CancellationToken ct);

    /// <summary>The private addresses held by instances that are not done or failed.</summary>
    Task<IReadOnlySet<string>> PrivateAddressesInUseAsync(CancellationToken ct);

    void Store<T>(T document) where T : class;

    /// <summary>Adds a new document; saving fails with <see cref="ComputeStatus.Conflict"/> when its id is taken.</summary>
    void Insert<T>(T document) where T : class;

    void Delete<T>(string id) where T : class;

    /// <summary>
    /// Waits for and holds the lock named <paramref name="key"/> until this unit of work is saved or
    /// disposed, against every session of every process sharing the store; what is read after it
    /// includes all that earlier holders saved.
    /// </summary>
    Task LockAsync(string key, CancellationToken ct);

    /// <summary>Commits everything; <see cref="ComputeStatus.Conflict"/> when a stream moved on meanwhile.</summary>
    Task<ComputeStatus> SaveAsync(CancellationToken ct);
}
