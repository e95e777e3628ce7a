using Microsoft.Extensions.Logging;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Volumes;

/// <summary>What an owner asks for when creating a volume. Exactly one of size, snapshot and image decides its content.</summary>
/// <param name="SizeGiB">Size in GiB; with a snapshot, null means the snapshot's size and a larger value grows it.</param>
/// <param name="SnapshotId">Make it from this snapshot (owner's own).</param>
/// <param name="ImageId">Make a shared read-only disk holding this catalogue image (policy applies).</param>
/// <param name="AvailabilityZone">Null for the site's first zone.</param>
/// <param name="ClientToken">Makes the create idempotent, per owner.</param>
/// <param name="StorageClass">The class of storage the owner asked for (EC2's volume type), kept and shown; null for the default.</param>
public sealed record VolumeRequest(
    int? SizeGiB,
    string? SnapshotId = null,
    string? ImageId = null,
    string? AvailabilityZone = null,
    string? Name = null,
    string? Description = null,
    VolumeVisibility Visibility = VolumeVisibility.Private,
    IReadOnlyDictionary<string, string>? Tags = null,
    string? ClientToken = null,
    string? StorageClass = null);

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

/// <summary>What an owner may change on a volume; null fields stay as they are. <paramref name="Online"/> false takes it offline (see <see cref="VolumeRules.SetOnline"/>).</summary>
public sealed record VolumeUpdate(string? Name = null, string? Description = null, VolumeVisibility? Visibility = null, bool? Online = null);

/// <summary>A disk to create and attach at launch (EC2's BlockDeviceMapping with Ebs).</summary>
public sealed record LaunchDisk(string Device, int? SizeGiB, string? SnapshotId, bool DeleteOnTermination = true, string? StorageClass = null);

/// <summary>An existing volume to attach at launch, at the device asked (null: the next free one), with the mount point the owner gives.</summary>
public sealed record LaunchVolume(string VolumeId, string? Device = null, string? MountPoint = null);

/// <summary>
/// The owner-facing volume and snapshot operations every front-end calls (EC2, OCCI storage, the
/// disk REST API). Owner-scoped: an actor sees its own volumes (and, read-only, public ones).
/// Every change is recorded on the volume's (or snapshot's) stream; data is made and removed by
/// the site's <see cref="IVolumeBackend"/>, after the intent is saved, so a crash leaves a state
/// that <see cref="RecoverAsync"/> finishes.
/// </summary>
public sealed partial class VolumeService(
    IComputeStore store, ComputeOptions options, TimeProvider time, CoreSignals signals, ImageService images, IVolumeBackend backend,
    ILogger<VolumeService> logger)
{
    /// <summary>The largest volume, as EC2 allows for its general-purpose volumes.</summary>
    public const int MaxSizeGiB = 16384;
    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 255;
    private const int ConflictRetries = 8;

    public async Task<Outcome<Volume>> GetAsync(Actor actor, string volumeId, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await LoadVisibleAsync(session, actor, volumeId, ct).ConfigureAwait(false) is { } volume
            ? Outcome<Volume>.Ok(volume)
            : VolumeNotFound<Volume>(volumeId);
    }

    public async Task<IReadOnlyList<Volume>> ListAsync(Actor actor, VolumeQuery query, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var owner = actor.UserId;
        IReadOnlyList<Volume> found = actor.IsAdmin
            ? await session.ListAsync<Volume>(ct).ConfigureAwait(false)
            : query.IncludePublic
                ? await session.QueryAsync<Volume>(v => v.Owner == owner || v.Visibility == VolumeVisibility.Public, ct).ConfigureAwait(false)
                : await session.QueryAsync<Volume>(v => v.Owner == owner, ct).ConfigureAwait(false);
        return
        [
            .. found
                .Where(v => query.States.Count == 0 ? v.State != VolumeState.Deleted : query.States.Contains(v.State))
                .Where(v => query.Ids.Count == 0 || query.Ids.Contains(v.Id))
                .Where(v => query.InstanceId is null || v.Attachments.Any(a => a.InstanceId == query.InstanceId))
                .OrderBy(v => v.CreatedAt)
                .ThenBy(v => v.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>Changes what the owner may change, online or offline included; each change is recorded on the volume's history.</summary>
    public async Task<Outcome<Volume>> UpdateAsync(Actor actor, string volumeId, VolumeUpdate update, CancellationToken ct)
    {
        if (NameProblem(update.Name, update.Description) is { } problem)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, problem);
        }

        return await ChangeOwnAsync(actor, volumeId, (volume, ctx) =>
        {
            var onOrOff = update.Online is { } online ? VolumeRules.SetOnline(volume, online, ctx) : Outcome<IResourceEvent[]>.Ok([]);
            if (!onOrOff.IsOk)
            {
                return onOrOff;
            }

            var name = update.Name ?? volume.Name;
            var description = update.Description ?? volume.Description;
            var visibility = update.Visibility ?? volume.Visibility;
            if (name == volume.Name && description == volume.Description && visibility == volume.Visibility)
            {
                return onOrOff;
            }

            (volume.Name, volume.Description, volume.Visibility) = (name, description, visibility);
            return Outcome<IResourceEvent[]>.Ok([new VolumeUpdated(ctx, name, description, visibility), .. onOrOff.Value!]);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes an available volume; IncorrectState (EC2 VolumeInUse, HTTP 409) while attached.</summary>
    public async Task<Outcome<Volume>> DeleteAsync(Actor actor, string volumeId, CancellationToken ct)
    {
        var asked = await ChangeOwnAsync(actor, volumeId, (volume, ctx) => volume switch
        {
            { Export: { } export } => Outcome<IResourceEvent[]>.Fail(ComputeStatus.IncorrectState,
                $"volume {volume.Id} is the export of storage container {export.ContainerId}; remove that export, or the container, to delete it"),
            { Attachments.Count: > 0 } => Outcome<IResourceEvent[]>.Fail(ComputeStatus.IncorrectState,
                $"volume {volume.Id} is attached to {string.Join(", ", volume.Attachments.Select(a => a.InstanceId))}; detach it first"),
            { State: VolumeState.Deleting } => Outcome<IResourceEvent[]>.Ok([]),
            { State: VolumeState.Available or VolumeState.Error } => Outcome<IResourceEvent[]>.Ok([VolumeRules.Move(volume, VolumeState.Deleting, "deletion asked", ctx)]),
            _ => Outcome<IResourceEvent[]>.Fail(ComputeStatus.IncorrectState, $"volume {volume.Id} is {VolumeRules.StateName(volume.State)} and cannot be deleted now"),
        }, ct).ConfigureAwait(false);
        return asked.IsOk ? await FinishDeletingAsync(actor, volumeId, ct).ConfigureAwait(false) : asked;
    }

    /// <summary>Every change of a volume, oldest first.</summary>
    public async Task<Outcome<IReadOnlyList<HistoryEntry>>> HistoryAsync(Actor actor, string volumeId, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var volume = await session.LoadAsync<Volume>(volumeId, ct).ConfigureAwait(false);
        return volume is null || !actor.MayAccess(volume.Owner)
            ? VolumeNotFound<IReadOnlyList<HistoryEntry>>(volumeId)
            : Outcome<IReadOnlyList<HistoryEntry>>.Ok(await session.ResourceHistoryAsync(ResourceStreams.Volume(volumeId), ct).ConfigureAwait(false));
    }

    /// <summary>The volumes attached to any of <paramref name="instanceIds"/>, in one query.</summary>
    internal static async Task<IReadOnlyList<Volume>> OnInstancesAsync(IComputeSession session, IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        if (instanceIds.Count == 0)
        {
            return [];
        }

        var ids = instanceIds.ToArray();
        return await session.QueryAsync<Volume>(v => v.Attachments.Any(a => ids.Contains(a.InstanceId)), ct).ConfigureAwait(false);
    }

    /// <summary>Where the storage backend has a host write an image saved from an instance's disk; null when it keeps none.</summary>
    public string? SavedImagePath(string imageId) => backend.SavedImagePath(imageId);

    // Has the backend remove a deleting volume's data, then records Deleted (or Error).
    private async Task<Outcome<Volume>> FinishDeletingAsync(Actor actor, string volumeId, CancellationToken ct)
    {
        Volume? volume;
        await using (var session = store.OpenSession())
        {
            volume = await session.LoadAsync<Volume>(volumeId, ct).ConfigureAwait(false);
        }

        if (volume is not { State: VolumeState.Deleting })
        {
            return volume is null ? VolumeNotFound<Volume>(volumeId) : Outcome<Volume>.Ok(volume);
        }

        // A disk of an image has no data of its own.
        var removed = volume.ImageId is null ? await backend.DeleteVolumeAsync(volumeId, ct).ConfigureAwait(false) : Outcome<bool>.Ok(true);
        if (!removed.IsOk)
        {
            Log.BackendFailed(logger, "delete", volumeId, removed.Reason ?? "");
        }

        return await ChangeAsync(actor, volumeId, (v, ctx) => v.State != VolumeState.Deleting
            ? Outcome<IResourceEvent[]>.Ok([])
            : Outcome<IResourceEvent[]>.Ok(removed.IsOk
                ? [VolumeRules.Move(v, VolumeState.Deleted, null, ctx)]
                : [VolumeRules.Move(v, VolumeState.Error, "the storage backend could not delete it: " + removed.Reason, ctx)]), ct).ConfigureAwait(false);
    }

    // Changes a volume only its owner (or an administrator) may change; others who can see it are refused.
    private Task<Outcome<Volume>> ChangeOwnAsync(
        Actor actor, string volumeId, Func<Volume, EventContext, Outcome<IResourceEvent[]>> change, CancellationToken ct) =>
        ChangeAsync(actor, volumeId, (volume, ctx) =>
            volume.State == VolumeState.Deleted || !(actor.MayAccess(volume.Owner) || volume.Visibility == VolumeVisibility.Public)
                ? VolumeNotFound<IResourceEvent[]>(volumeId)
                : !actor.MayAccess(volume.Owner)
                    ? Outcome<IResourceEvent[]>.Fail(ComputeStatus.Forbidden, $"volume {volumeId} belongs to {volume.Owner}; only its owner changes it")
                    : change(volume, ctx), ct);

    // Loads, changes and saves one volume in its own unit of work, again when another writer got there first.
    private async Task<Outcome<Volume>> ChangeAsync(
        Actor actor, string volumeId, Func<Volume, EventContext, Outcome<IResourceEvent[]>> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            if (await session.LoadAsync<Volume>(volumeId, ct).ConfigureAwait(false) is not { } volume)
            {
                return VolumeNotFound<Volume>(volumeId);
            }

            var decided = change(volume, EventContext.Of(actor, time));
            if (!decided.IsOk || decided.Value!.Length == 0)
            {
                return decided.IsOk ? Outcome<Volume>.Ok(volume) : decided.As<Volume>();
            }

            session.Store(volume);
            Record(session, volume.Id, decided.Value);
            var saved = await session.SaveAsync(ct).ConfigureAwait(false);
            if (saved == ComputeStatus.Conflict)
            {
                continue;
            }

            return saved == ComputeStatus.Ok ? Outcome<Volume>.Ok(volume) : Outcome<Volume>.Fail(saved, $"volume {volumeId} could not be saved");
        }

        return Outcome<Volume>.Fail(ComputeStatus.Conflict, $"volume {volumeId} is changing too often; retry");
    }

    private static void Record(IComputeSession session, string volumeId, IEnumerable<IResourceEvent> events)
    {
        foreach (var e in events)
        {
            session.Record(ResourceStreams.Volume(volumeId), e);
        }
    }

    // The volume when the actor may see it: its own, or another owner's public one; never a deleted one.
    private static async Task<Volume?> LoadVisibleAsync(IComputeSession session, Actor actor, string volumeId, CancellationToken ct) =>
        await session.LoadAsync<Volume>(volumeId, ct).ConfigureAwait(false) is { } volume
        && volume.State != VolumeState.Deleted
        && (actor.MayAccess(volume.Owner) || volume.Visibility == VolumeVisibility.Public)
            ? volume
            : null;

    // The store locks that keep checks and writes of one instance's devices, or one owner's quota, in order across processes.
    private static string InstanceDevicesLock(string instanceId) => "volume-devices:" + instanceId;

    private static string OwnerQuotaLock(string owner) => "volume-quota:" + owner;

    private static Outcome<T> VolumeNotFound<T>(string id) => Outcome<T>.Fail(ComputeStatus.NotFound, $"volume {id} does not exist");

    private static Outcome<T> SnapshotNotFound<T>(string id) => Outcome<T>.Fail(ComputeStatus.NotFound, $"snapshot {id} does not exist");
}
