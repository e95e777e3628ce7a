using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Volumes;

/// <summary>New volumes: empty, from a snapshot, from an image, or a copy-on-write copy; checked, admitted under the quota, then built.</summary>
public sealed partial class VolumeService
{
    private const long GiB = 1L << 30;

    public async Task<Outcome<Volume>> CreateAsync(Actor actor, VolumeRequest request, CancellationToken ct)
    {
        if (RequestProblem(request) is { } problem)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, problem);
        }

        if (request.SnapshotId is not null && request.ImageId is not null)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, "a volume is made from a snapshot or from an image, not both");
        }

        if (request.SnapshotId is null && request.ImageId is null && request.SizeGiB is null)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, "a new empty volume needs a size in GiB");
        }

        var volume = NewVolume(actor, request);
        string from;
        if (request.ImageId is { } imageId)
        {
            if (request.SizeGiB is not null)
            {
                return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, "a disk made from an image takes the image's size; give no size");
            }

            // The site's image policy applies as it does to a launch.
            var admitted = await images.AdmitAsync(actor, imageId, ct).ConfigureAwait(false);
            if (!admitted.IsOk)
            {
                return admitted.As<Volume>();
            }

            var image = admitted.Value!;
            volume.ImageId = image.Id;
            volume.ReadOnly = true;
            volume.SizeGiB = (int)Math.Max(1, ((image.Bytes ?? 0) + GiB - 1) / GiB);
            volume.Source = new DiskSource(DiskSourceKind.Image, Image: new ImageSource(image.Id, image.Url, image.Sha1, image.Bytes));
            from = $"image {image.Id}";
        }
        else if (request.SnapshotId is { } snapshotId)
        {
            await using var session = store.OpenSession();
            var snapshot = await session.LoadAsync<Snapshot>(snapshotId, ct).ConfigureAwait(false);
            if (snapshot is null || !actor.MayAccess(snapshot.Owner))
            {
                return SnapshotNotFound<Volume>(snapshotId);
            }

            if (snapshot.State != SnapshotState.Completed)
            {
                return Outcome<Volume>.Fail(ComputeStatus.IncorrectState, $"snapshot {snapshotId} is {snapshot.State.ToString().ToLowerInvariant()}, not completed");
            }

            if (request.SizeGiB < snapshot.SizeGiB)
            {
                return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter,
                    $"a volume from snapshot {snapshotId} needs at least its size, {snapshot.SizeGiB} GiB; {request.SizeGiB} was asked");
            }

            volume.SnapshotId = snapshotId;
            volume.SizeGiB = request.SizeGiB ?? snapshot.SizeGiB;
            from = $"snapshot {snapshotId}";
        }
        else
        {
            volume.SizeGiB = request.SizeGiB!.Value;
            from = "nothing (empty)";
        }

        return await AdmitAndBuildAsync(actor, volume, from, ct).ConfigureAwait(false);
    }

    /// <summary>A copy-on-write copy of a volume (pdisk's copy), owned by the actor.</summary>
    public async Task<Outcome<Volume>> CopyAsync(Actor actor, string originId, VolumeRequest request, CancellationToken ct)
    {
        if (RequestProblem(request) is { } problem)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, problem);
        }

        if (request.SnapshotId is not null || request.ImageId is not null)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter, "a copy takes its content from its origin; give no snapshot or image");
        }

        Volume origin;
        await using (var session = store.OpenSession())
        {
            if (await LoadVisibleAsync(session, actor, originId, ct).ConfigureAwait(false) is not { } found)
            {
                return VolumeNotFound<Volume>(originId);
            }

            origin = found;
        }

        if (origin.State is not (VolumeState.Available or VolumeState.InUse))
        {
            return Outcome<Volume>.Fail(ComputeStatus.IncorrectState, $"volume {originId} is {VolumeRules.StateName(origin.State)} and cannot be copied");
        }

        if (origin.ImageId is not null)
        {
            return Outcome<Volume>.Fail(ComputeStatus.IncorrectState,
                $"volume {originId} is a read-only disk of image {origin.ImageId}; make a volume from the image instead of copying it");
        }

        if (request.SizeGiB < origin.SizeGiB)
        {
            return Outcome<Volume>.Fail(ComputeStatus.InvalidParameter,
                $"a copy of {originId} needs at least its size, {origin.SizeGiB} GiB; {request.SizeGiB} was asked");
        }

        var volume = NewVolume(actor, request);
        volume.OriginId = originId;
        volume.SizeGiB = request.SizeGiB ?? origin.SizeGiB;
        return await AdmitAndBuildAsync(actor, volume, $"a copy-on-write copy of {originId}", ct).ConfigureAwait(false);
    }

    // Saves a new volume (its quota and client token checked under the owner's lock), then has the backend make its data.
    private async Task<Outcome<Volume>> AdmitAndBuildAsync(Actor actor, Volume volume, string from, CancellationToken ct)
    {
        var ctx = EventContext.Of(actor, time);
        await using (var session = store.OpenSession())
        {
            await session.LockAsync(OwnerQuotaLock(actor.UserId), ct).ConfigureAwait(false);
            if (volume.ClientToken is { Length: > 0 } token)
            {
                var owner = actor.UserId;
                var earlier = await session.QueryAsync<Volume>(v => v.Owner == owner && v.ClientToken == token, ct).ConfigureAwait(false);
                if (earlier.Count > 0)
                {
                    return Outcome<Volume>.Ok(earlier[0]);
                }
            }

            // One volume per exported container, whichever server replica asks first.
            if (volume.Export is { } export && await LiveExportAsync(session, export.ContainerId, ct).ConfigureAwait(false) is { } made)
            {
                return Outcome<Volume>.Ok(made);
            }

            if (await QuotaProblemAsync(session, actor.UserId, volume.SizeGiB, ct).ConfigureAwait(false) is { } limit)
            {
                return Outcome<Volume>.OverQuota(QuotaKind.VolumeGiB, limit);
            }

            session.Insert(volume);
            session.Record(ResourceStreams.Volume(volume.Id), new VolumeCreated(ctx, volume.Owner, volume.SizeGiB, from, volume.ReadOnly, volume.Visibility));
            if (volume.Export is { } exported)
            {
                session.Record(ResourceStreams.Volume(volume.Id), new VolumeExported(ctx, exported.ContainerId, [.. exported.Computes]));
            }

            if (volume.ImageId is not null)
            {
                // Its data is the image itself, which hosts fetch: nothing to build.
                session.Record(ResourceStreams.Volume(volume.Id), VolumeRules.Move(volume, VolumeState.Available, $"a read-only disk of image {volume.ImageId}", ctx));
            }

            var saved = await session.SaveAsync(ct).ConfigureAwait(false);
            if (saved != ComputeStatus.Ok)
            {
                return Outcome<Volume>.Fail(saved, "the volume could not be recorded; retry");
            }
        }

        return volume.State == VolumeState.Creating ? await BuildAsync(actor, volume, ct).ConfigureAwait(false) : Outcome<Volume>.Ok(volume);
    }

    // Has the backend make a creating volume's data, then records Available (or Error with the backend's reason).
    private async Task<Outcome<Volume>> BuildAsync(Actor actor, Volume volume, CancellationToken ct)
    {
        var built = volume switch
        {
            { OriginId: { } origin } => await backend.CopyOnWriteAsync(volume.Id, origin, volume.SizeGiB, ct).ConfigureAwait(false),
            { SnapshotId: { } snapshot } => await backend.CreateFromSnapshotAsync(volume.Id, snapshot, volume.SizeGiB, ct).ConfigureAwait(false),
            _ => await backend.CreateAsync(volume.Id, volume.SizeGiB, ct).ConfigureAwait(false),
        };
        if (!built.IsOk)
        {
            Log.BackendFailed(logger, "create", volume.Id, built.Reason ?? "");
        }

        return await ChangeAsync(actor, volume.Id, (v, ctx) =>
        {
            if (v.State != VolumeState.Creating)
            {
                return Outcome<IResourceEvent[]>.Ok([]);
            }

            v.Source = built.IsOk ? built.Value : null;
            return Outcome<IResourceEvent[]>.Ok(built.IsOk
                ? [VolumeRules.Move(v, VolumeState.Available, null, ctx)]
                : [VolumeRules.Move(v, VolumeState.Error, "the storage backend failed: " + built.Reason, ctx)]);
        }, ct).ConfigureAwait(false);
    }

    private async Task<string?> QuotaProblemAsync(IComputeSession session, string owner, long moreGiB, CancellationToken ct)
    {
        var user = await session.LoadAsync<User>(owner, ct).ConfigureAwait(false);
        if (QuotaCheck.Effective(user, options.DefaultQuota).VolumeGiB is not { } max)
        {
            return null;
        }

        var used = (await session.QueryAsync<Volume>(v => v.Owner == owner, ct).ConfigureAwait(false))
            .Where(v => VolumeRules.CountsForQuota(v.State))
            .Sum(v => (long)v.SizeGiB);
        return used + moreGiB > max ? $"volume quota {max} GiB reached ({used} GiB in use, {moreGiB} GiB more asked)" : null;
    }

    private Volume NewVolume(Actor actor, VolumeRequest request) => new()
    {
        Id = ResourceIds.NewVolumeId(),
        Owner = actor.UserId,
        State = VolumeState.Creating,
        AvailabilityZone = options.AvailabilityZone,
        Visibility = request.Visibility,
        Name = request.Name,
        Description = request.Description,
        StorageClass = request.StorageClass ?? Volume.DefaultStorageClass,
        ClientToken = request.ClientToken is { Length: > 0 } token ? token : null,
        CreatedAt = time.GetUtcNow(),
        Tags = request.Tags is { } tags ? new(tags, StringComparer.Ordinal) : new(StringComparer.Ordinal),
    };

    private string? RequestProblem(VolumeRequest request)
    {
        if (request.SizeGiB is < 1 or > MaxSizeGiB)
        {
            return $"the size {request.SizeGiB} GiB is refused; allowed: 1 to {MaxSizeGiB}";
        }

        if (request.AvailabilityZone is { } zone && zone != options.AvailabilityZone)
        {
            return $"the availability zone '{zone}' does not exist; this site has '{options.AvailabilityZone}'";
        }

        if (request.ClientToken is { Length: > 64 })
        {
            return "a client token has at most 64 characters";
        }

        var tags = Tags.TagChange.Setting(request.Tags ?? new Dictionary<string, string>());
        return NameProblem(request.Name, request.Description) ?? tags.Problem() ?? tags.Exceeds(new Dictionary<string, string>());
    }

    private static string? NameProblem(string? name, string? description) =>
        name is { Length: 0 or > MaxNameLength } || (name?.Any(char.IsControl) ?? false)
            ? $"a volume name has 1 to {MaxNameLength} characters and no control characters"
            : description is { Length: > MaxDescriptionLength } || (description?.Any(c => char.IsControl(c) && c is not ('\n' or '\t')) ?? false)
                ? $"a description has at most {MaxDescriptionLength} characters and no control characters"
                : null;
}
