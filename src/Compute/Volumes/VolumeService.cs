using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Volumes;

/// <summary>What an owner asks for when creating a volume. Exactly one of size, snapshot and image decides its content.</summary>
/// <param name="SizeGiB">Size in GiB; with a snapshot, null means the snapshot's size and a larger value grows it.</param>
/// <param name="SnapshotId">Make it from this snapshot (owner's own).</param>
/// <param name="ImageId">Make a shared read-only disk holding this catalogue image (policy applies).</param>
/// <param name="AvailabilityZone">Null for the site's first zone.</param>
/// <param name="ClientToken">Makes the create idempotent, per owner.</param>
public sealed record VolumeRequest(
    int? SizeGiB,
    string? SnapshotId = null,
    string? ImageId = null,
    string? AvailabilityZone = null,
    string? Name = null,
    string? Description = null,
    VolumeVisibility Visibility = VolumeVisibility.Private,
    IReadOnlyDictionary<string, string>? Tags = null,
    string? ClientToken = null);

/// <summary>Which volumes a listing returns (the actor's own, plus public ones when asked).</summary>
public sealed record VolumeQuery
{
    public IReadOnlyCollection<string> Ids { get; init; } = [];
    public IReadOnlyCollection<VolumeState> States { get; init; } = [];

    /// <summary>Only volumes attached to this instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Also other owners' public volumes (pdisk's listing).</summary>
    public bool IncludePublic { get; init; }
}

/// <summary>Which snapshots a listing returns.</summary>
public sealed record SnapshotQuery
{
    public IReadOnlyCollection<string> Ids { get; init; } = [];
    public string? VolumeId { get; init; }
}

/// <summary>What an owner may change on a volume; null fields stay as they are.</summary>
public sealed record VolumeUpdate(string? Name = null, string? Description = null, VolumeVisibility? Visibility = null);

/// <summary>A disk to create and attach at launch (EC2's BlockDeviceMapping with Ebs).</summary>
public sealed record LaunchDisk(string Device, int? SizeGiB, string? SnapshotId, bool DeleteOnTermination = true);

/// <summary>
/// The owner-facing volume and snapshot operations every front-end calls (EC2, OCCI storage, the
/// disk REST API). Owner-scoped: an actor sees its own volumes (and, read-only, public ones).
/// </summary>
public sealed class VolumeService
{
    public Task<Outcome<Volume>> CreateAsync(Actor actor, VolumeRequest request, CancellationToken ct) => throw new NotImplementedException();

    public Task<Outcome<Volume>> GetAsync(Actor actor, string volumeId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<Volume>> ListAsync(Actor actor, VolumeQuery query, CancellationToken ct) => throw new NotImplementedException();

    public Task<Outcome<Volume>> UpdateAsync(Actor actor, string volumeId, VolumeUpdate update, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Deletes an available volume; IncorrectState (EC2 VolumeInUse, HTTP 409) while attached.</summary>
    public Task<Outcome<Volume>> DeleteAsync(Actor actor, string volumeId, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Attaches to one of the actor's instances; <paramref name="device"/> null picks the next free one.</summary>
    public Task<Outcome<Volume>> AttachAsync(Actor actor, string volumeId, string instanceId, string? device, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Detaches from <paramref name="instanceId"/>, or from its only instance when null.</summary>
    public Task<Outcome<Volume>> DetachAsync(Actor actor, string volumeId, string? instanceId, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>A copy-on-write copy of a volume (pdisk's copy), owned by the actor.</summary>
    public Task<Outcome<Volume>> CopyAsync(Actor actor, string originId, VolumeRequest request, CancellationToken ct) => throw new NotImplementedException();

    public Task<Outcome<Snapshot>> SnapshotAsync(Actor actor, string volumeId, string? description, IReadOnlyDictionary<string, string>? tags, CancellationToken ct) => throw new NotImplementedException();

    public Task<Outcome<Snapshot>> GetSnapshotAsync(Actor actor, string snapshotId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<Snapshot>> ListSnapshotsAsync(Actor actor, SnapshotQuery query, CancellationToken ct) => throw new NotImplementedException();

    public Task<Outcome<Snapshot>> DeleteSnapshotAsync(Actor actor, string snapshotId, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Every change of a volume, oldest first.</summary>
    public Task<Outcome<IReadOnlyList<HistoryEntry>>> HistoryAsync(Actor actor, string volumeId, CancellationToken ct) => throw new NotImplementedException();
}
