using System.Runtime.CompilerServices;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Instances;

/// <summary>What an owner asks for when launching.</summary>
/// <param name="MinCount">Launch nothing unless at least this many fit the quota.</param>
/// <param name="MaxCount">Launch at most this many.</param>
/// <param name="ClientToken">Makes the launch idempotent: a repeat returns the first reservation; the token used for another launch (image, type or key pair) is Duplicate.</param>
/// <param name="RequiredHost">Place only on this host (id or name).</param>
/// <param name="KeyName">One of the owner's key pairs.</param>
/// <param name="UserData">Base64 user data for the guest, at most <see cref="Instances.UserData.MaxBytes"/> once decoded.</param>
/// <param name="SecurityGroupIds">The owner's groups the instances join; null for the owner's default group.</param>
/// <param name="DisableApiTermination">Launch with termination protection on.</param>
/// <param name="Tags">Tags every instance starts with.</param>
/// <param name="Hostname">The guest's host name; null lets the site choose.</param>
/// <param name="PublicKey">An OpenSSH public key the guest accepts, beside the key pair's.</param>
/// <param name="CustomSize">CPUs and memory asked for directly; <paramref name="InstanceType"/> is then ignored.</param>
/// <param name="Disks">New volumes made and attached at launch (EC2's BlockDeviceMapping).</param>
/// <param name="Volumes">The owner's existing volumes to attach at launch, with the device each asks for (OCCI's inline storagelinks).</param>
/// <param name="ContextPairs">The owner's own KEY → value pairs for the guest's <c>context.sh</c>.</param>
/// <param name="VolumeTags">Tags every volume made by <paramref name="Disks"/> starts with.</param>
/// <param name="TerminateOnGuestShutdown">A guest powering itself off terminates its instance instead of stopping it.</param>
public sealed record LaunchRequest(
    string ImageId,
    string InstanceType,
    int MinCount = 1,
    int MaxCount = 1,
    string? ClientToken = null,
    string? RequiredHost = null,
    string? KeyName = null,
    string? UserData = null,
    IReadOnlyList<string>? SecurityGroupIds = null,
    bool DisableApiTermination = false,
    IReadOnlyDictionary<string, string>? Tags = null,
    string? Hostname = null,
    string? PublicKey = null,
    (int Cpus, long MemoryMiB)? CustomSize = null,
    IReadOnlyList<Volumes.LaunchDisk>? Disks = null,
    IReadOnlyList<Volumes.LaunchVolume>? Volumes = null,
    IReadOnlyDictionary<string, string>? ContextPairs = null,
    IReadOnlyDictionary<string, string>? VolumeTags = null,
    bool TerminateOnGuestShutdown = false);

/// <summary>The instances launched by one request.</summary>
public sealed record Reservation(string ReservationId, string Owner, IReadOnlyList<Instance> Instances);

/// <summary>The owner-facing instance operations every front-end calls.</summary>
public sealed partial class InstanceService(
    IComputeStore store, ComputeOptions options, TimeProvider time, CoreSignals signals, SecurityGroups.SecurityGroupService securityGroups,
    ImageService images, Volumes.VolumeService volumes)
{
    private const int MaxLaunch = 1000;
    private const int ConflictRetries = 8;

    public async Task<Outcome<Reservation>> LaunchAsync(Actor actor, LaunchRequest request, CancellationToken ct)
    {
        if (LaunchProblem(request) is { } problem)
        {
            return Outcome<Reservation>.Fail(ComputeStatus.InvalidParameter, problem);
        }

        var type = TypeOf(request).Type!;

        // As EC2 does: an instance launched into no named group joins its owner's default group.
        if (request.SecurityGroupIds is null)
        {
            request = request with { SecurityGroupIds = [(await securityGroups.DefaultGroupOfAsync(actor.UserId, ct).ConfigureAwait(false)).Id] };
        }

        for (var attempt = 0; ; attempt++)
        {
            var launched = await TryLaunchAsync(actor, request, type, ct).ConfigureAwait(false);
            if (launched.Status != ComputeStatus.Conflict || attempt == ConflictRetries)
            {
                return launched;
            }
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="request"/> in itself, before anything is looked up: counts,
    /// type or size, user data, host name, key, context pairs, disks and tags; null when nothing.
    /// <see cref="LaunchAsync"/> refuses such a request as <see cref="ComputeStatus.InvalidParameter"/>;
    /// a front-end may ask first, to refuse it before it changes anything.
    /// </summary>
    public string? LaunchProblem(LaunchRequest request)
    {
        if (request.MinCount < 1 || request.MaxCount < request.MinCount || request.MaxCount > MaxLaunch)
        {
            return $"counts must satisfy 1 <= min ({request.MinCount}) <= max ({request.MaxCount}) <= {MaxLaunch}";
        }

        var (type, badSize) = TypeOf(request);
        if (badSize is not null)
        {
            return badSize;
        }

        if (type is null)
        {
            return NotOffered(request.InstanceType);
        }

        var badKey = request.PublicKey is { } publicKey && KeyPairs.OpenSshKey.Parse(publicKey).Error is { } keyError
            ? "the public key is refused: " + keyError
            : null;
        var tags = Tags.TagChange.Setting(request.Tags ?? new Dictionary<string, string>());
        return UserData.ProblemOf(request.UserData)?.Reason
            ?? Hostnames.ProblemOf(request.Hostname)
            ?? badKey
            ?? ContextPairs.ProblemOf(request.ContextPairs)
            ?? Volumes.VolumeService.LaunchProblem(request)
            ?? tags.Problem()
            ?? tags.Exceeds(new Dictionary<string, string>());
    }

    private string NotOffered(string typeName) =>
        $"instance type '{typeName}' is not offered; offered: {string.Join(", ", options.InstanceTypes.Select(t => t.Name))}";

    private (Catalog.InstanceType? Type, string? Problem) TypeOf(LaunchRequest request) => request.CustomSize is { } size
        ? Catalog.InstanceType.Custom(size.Cpus, size.MemoryMiB, options.InstanceTypes)
        : (options.FindType(request.InstanceType), null);

    // One attempt; Conflict when another launch took one of the private addresses picked meanwhile.
    private async Task<Outcome<Reservation>> TryLaunchAsync(Actor actor, LaunchRequest request, Catalog.InstanceType type, CancellationToken ct)
    {
        await using var session = store.OpenSession();

        // The site's image policy is applied here, so every interface that launches is refused alike.
        var admitted = await images.AdmitAsync(actor, request.ImageId, ct).ConfigureAwait(false);
        if (!admitted.IsOk)
        {
            return admitted.As<Reservation>();
        }

        var image = admitted.Value!;

        var user = await session.LoadAsync<User>(actor.UserId, ct).ConfigureAwait(false);
        var quota = user is null ? options.DefaultQuota : Effective(user);

        // One checked launch per owner at a time, in every server process sharing the store, so two
        // concurrent requests can neither both pass the quota nor both use one client token: the
        // store's transaction lock is held from before the checks read until the launch commits.
        // Unlimited owners wait only for launches with the same token; without a token they need no order at all.
        if (LaunchLock(actor.UserId, quota, request.ClientToken) is { } launchLock)
        {
            await session.LockAsync(launchLock, ct).ConfigureAwait(false);
        }

        if (request.KeyName is { } keyName && await session.LoadAsync<KeyPairs.KeyPair>(KeyPairs.KeyPair.IdOf(actor.UserId, keyName), ct).ConfigureAwait(false) is null)
        {
            return Outcome<Reservation>.Fail(ComputeStatus.NotFound, $"The key pair '{keyName}' does not exist");
        }

        var groups = request.SecurityGroupIds ?? [];
        foreach (var groupId in groups)
        {
            if (await session.LoadAsync<SecurityGroups.SecurityGroup>(groupId, ct).ConfigureAwait(false) is not { } group || group.Owner != actor.UserId)
            {
                return Outcome<Reservation>.Fail(ComputeStatus.NotFound, $"The security group '{groupId}' does not exist");
            }
        }

        if (request.ClientToken is { Length: > 0 } token)
        {
            var earlier = await session.ListInstancesAsync(new InstanceQuery { Owner = actor.UserId, ClientToken = token }, ct).ConfigureAwait(false);
            if (earlier.Count > 0)
            {
                // The same launch again gets the first reservation; a token used for another launch is a duplicate.
                var first = earlier[0];
                return first.ImageId == image.Id && first.InstanceType == type.Name && first.KeyName == request.KeyName
                    ? Outcome<Reservation>.Ok(new Reservation(first.ReservationId, actor.UserId, earlier))
                    : Outcome<Reservation>.Fail(ComputeStatus.Duplicate,
                        $"The client token '{token}' was used for a launch of {first.ImageId} ({first.InstanceType}) in reservation {first.ReservationId}; use a new token for another launch");
            }
        }

        var usage = quota == Quota.Unset ? new Usage(0, 0, 0) : await session.UsageOfAsync(actor.UserId, ct).ConfigureAwait(false);
        var count = QuotaCheck.HowManyFit(quota, usage, type.Cpus, type.MemoryMiB, request.MaxCount, out var limit);
        if (count < request.MinCount)
        {
            return Outcome<Reservation>.OverQuota(limit!.Value.Kind, limit.Value.Reason);
        }

        var addresses = options.PrivateNetwork.PickFree(await session.PrivateAddressesInUseAsync(ct).ConfigureAwait(false), count);
        if (addresses.Count < count)
        {
            return Outcome<Reservation>.OverQuota(QuotaKind.PrivateAddresses,
                $"The site's private network has {addresses.Count} free addresses; {count} are needed");
        }

        Volumes.LaunchVolumes? plan = null;
        if ((request.Disks?.Count ?? 0) + (request.Volumes?.Count ?? 0) > 0)
        {
            // The owner's volume lock as well, so the volume quota holds against concurrent creates.
            await Volumes.VolumeService.HoldOwnerAsync(session, actor.UserId, ct).ConfigureAwait(false);
            var planned = await volumes.PlanLaunchAsync(session, actor, request, count, ct).ConfigureAwait(false);
            if (!planned.IsOk)
            {
                return planned.As<Reservation>();
            }

            plan = planned.Value!;
        }

        var ctx = EventContext.Of(actor, time);
        var reservationId = ResourceIds.NewReservationId();
        var instances = new List<Instance>(count);
        for (var index = 0; index < count; index++)
        {
            var launch = new LaunchContext(request.UserData, groups, addresses[index], request.DisableApiTermination, request.Tags,
                request.Hostname, request.PublicKey, request.ContextPairs, request.TerminateOnGuestShutdown);
            var requested = new InstanceRequested(ctx, ResourceIds.NewInstanceId(), actor.UserId, reservationId, index,
                image.Id, type.Name, type.Cpus, type.MemoryMiB, request.ClientToken, request.RequiredHost, request.KeyName, launch);
            session.StartInstance(requested);
            var instance = Instance.From(requested);
            instance.Version = 1;
            instances.Add(instance);
        }

        IReadOnlyList<string> made = [];
        if (plan is not null)
        {
            var attached = await volumes.AttachAtLaunchAsync(session, actor, plan, instances, ctx, ct).ConfigureAwait(false);
            if (!attached.IsOk)
            {
                return attached.As<Reservation>();
            }

            made = attached.Value!;
        }

        var saved = await session.SaveAsync(ct).ConfigureAwait(false);
        if (saved != ComputeStatus.Ok)
        {
            await volumes.DiscardAsync(made, ct).ConfigureAwait(false);
            return Outcome<Reservation>.Fail(saved, "the launch could not be recorded (addresses or volumes were taken meanwhile); retry");
        }

        signals.InstancesPending();
        return Outcome<Reservation>.Ok(new Reservation(reservationId, actor.UserId, instances));
    }

    public async Task<Outcome<Instance>> GetAsync(Actor actor, string id, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var instance = await session.FindInstanceAsync(id, ct).ConfigureAwait(false);
        return instance is not null && actor.MayAccess(instance.Owner)
            ? Outcome<Instance>.Ok(instance)
            : NotFound<Instance>(id);
    }

    /// <summary>The actor's instances (an administrator's listing may name any owner or none).</summary>
    public async Task<IReadOnlyList<Instance>> ListAsync(Actor actor, InstanceQuery query, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await session.ListInstancesAsync(ScopedTo(actor, query), ct).ConfigureAwait(false);
    }

    /// <summary>What surrounds instances already found for a caller (see <see cref="InstanceSurroundings"/>), in one round trip.</summary>
    public async Task<InstanceSurroundings> SurroundingsAsync(IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await session.SurroundingsAsync(instances, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The outlines of every instance an unfiltered <see cref="ListAsync"/> would list, under the same owner scoping,
    /// handed over as they are read: a listing of thousands is never held whole.
    /// </summary>
    public async IAsyncEnumerable<InstanceOutline> StreamOutlinesAsync(Actor actor, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var session = store.OpenSession();
        await foreach (var instance in session.StreamInstanceOutlinesAsync(ScopedTo(actor, new InstanceQuery()).Owner, ct).ConfigureAwait(false))
        {
            yield return instance;
        }
    }

    /// <summary>The handles of the instances <see cref="ListAsync"/> would list, under the same owner scoping.</summary>
    public async Task<IReadOnlyList<InstanceHandle>> ListHandlesAsync(Actor actor, InstanceQuery query, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await session.ListInstanceHandlesAsync(ScopedTo(actor, query), ct).ConfigureAwait(false);
    }

    // Nobody lists another's instances unless an administrator.
    private static InstanceQuery ScopedTo(Actor actor, InstanceQuery query) => actor.IsAdmin ? query : query with { Owner = actor.UserId };

    public async Task<Outcome<IReadOnlyList<HistoryEntry>>> HistoryAsync(Actor actor, string id, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var instance = await session.FindInstanceAsync(id, ct).ConfigureAwait(false);
        if (instance is null || !actor.MayAccess(instance.Owner))
        {
            return NotFound<IReadOnlyList<HistoryEntry>>(id);
        }

        return Outcome<IReadOnlyList<HistoryEntry>>.Ok(await session.HistoryAsync(id, ct).ConfigureAwait(false));
    }

    /// <summary>The tail of the instance's serial console; empty until its host sends some.</summary>
    public async Task<Outcome<ConsoleLog>> ConsoleAsync(Actor actor, string id, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var instance = await session.FindInstanceAsync(id, ct).ConfigureAwait(false);
        if (instance is null || !actor.MayAccess(instance.Owner))
        {
            return NotFound<ConsoleLog>(id);
        }

        return Outcome<ConsoleLog>.Ok(await session.LoadAsync<ConsoleLog>(id, ct).ConfigureAwait(false) ?? new ConsoleLog { Id = id });
    }

    public Task<Outcome<Instance>> TerminateAsync(Actor actor, string id, CancellationToken ct) => ChangeAsync(actor, id, InstanceCommands.Terminate, ct);

    public Task<Outcome<Instance>> StopAsync(Actor actor, string id, CancellationToken ct) => ChangeAsync(actor, id, InstanceCommands.Stop, ct);

    public Task<Outcome<Instance>> StartAsync(Actor actor, string id, CancellationToken ct) => ChangeAsync(actor, id, InstanceCommands.Start, ct);

    public Task<Outcome<Instance>> RebootAsync(Actor actor, string id, CancellationToken ct) => ChangeAsync(actor, id, InstanceCommands.Reboot, ct);

    public Task<Outcome<Instance>> SuspendAsync(Actor actor, string id, CancellationToken ct) => ChangeAsync(actor, id, InstanceCommands.Suspend, ct);

    public Task<Outcome<Instance>> ResumeAsync(Actor actor, string id, CancellationToken ct) => ChangeAsync(actor, id, InstanceCommands.Resume, ct);

    /// <summary>What makes a resize to <paramref name="typeName"/> impossible at any time, or null: a type the site does not offer.</summary>
    public string? ResizeProblem(string typeName) => options.FindType(typeName) is null ? NotOffered(typeName) : null;

    /// <summary>Gives a stopped instance another of the site's types, within its owner's quota and its host's room.</summary>
    public async Task<Outcome<Instance>> ResizeAsync(Actor actor, string id, string typeName, CancellationToken ct)
    {
        if (options.FindType(typeName) is not { } type)
        {
            return Outcome<Instance>.Fail(ComputeStatus.InvalidParameter, NotOffered(typeName));
        }

        var current = await GetAsync(actor, id, ct).ConfigureAwait(false);
        if (!current.IsOk)
        {
            return current;
        }

        if (await RoomToGrowAsync(actor, current.Value!, type, ct).ConfigureAwait(false) is { } refusal)
        {
            return Outcome<Instance>.Fail(ComputeStatus.QuotaExceeded, refusal);
        }

        return await ChangeAsync(actor, id, (i, ctx) => InstanceCommands.Resize(i, ctx, type), ct).ConfigureAwait(false);
    }

    public Task<Outcome<Instance>> ReplaceUserDataAsync(Actor actor, string id, string? userData, CancellationToken ct) =>
        UserData.ProblemOf(userData) is { } problem
            ? Task.FromResult(Outcome<Instance>.Fail(ComputeStatus.InvalidParameter, problem.Reason))
            : ChangeAsync(actor, id, (i, ctx) => InstanceCommands.ReplaceUserData(i, ctx, userData), ct);

    public Task<Outcome<Instance>> RenameAsync(Actor actor, string id, string? hostname, CancellationToken ct) =>
        Hostnames.ProblemOf(hostname) is { } problem
            ? Task.FromResult(Outcome<Instance>.Fail(ComputeStatus.InvalidParameter, problem))
            : ChangeAsync(actor, id, (i, ctx) => InstanceCommands.Rename(i, ctx, hostname), ct);

    public Task<Outcome<Instance>> ChangeShutdownBehaviorAsync(Actor actor, string id, bool terminate, CancellationToken ct) =>
        ChangeAsync(actor, id, (i, ctx) => InstanceCommands.ChangeShutdownBehavior(i, ctx, terminate), ct);

    public Task<Outcome<Instance>> ProtectFromTerminationAsync(Actor actor, string id, bool disabled, CancellationToken ct) =>
        ChangeAsync(actor, id, (i, ctx) => InstanceCommands.ProtectFromTermination(i, ctx, disabled), ct);

    // A bigger type must fit the owner's quota and the room left on the instance's host.
    private async Task<string?> RoomToGrowAsync(Actor actor, Instance instance, Catalog.InstanceType type, CancellationToken ct)
    {
        var moreCpus = type.Cpus - instance.Cpus;
        var moreMemory = type.MemoryMiB - instance.MemoryMiB;
        if (moreCpus <= 0 && moreMemory <= 0)
        {
            return null;
        }

        await using var session = store.OpenSession();
        var user = await session.LoadAsync<User>(instance.Owner, ct).ConfigureAwait(false);
        var quota = user is null ? options.DefaultQuota : Effective(user);
        var usage = await session.UsageOfAsync(instance.Owner, ct).ConfigureAwait(false);
        if ((quota.Cpus is { } cpus && usage.Cpus + moreCpus > cpus) || (quota.MemoryMiB is { } memory && usage.MemoryMiB + moreMemory > memory))
        {
            return $"{type.Name} would exceed the quota of {actor.UserId}";
        }

        if (instance.HostId is { } hostId && await session.LoadAsync<Hosts.Host>(hostId, ct).ConfigureAwait(false) is { } host)
        {
            var shares = (await session.HostSharesAsync(ct).ConfigureAwait(false)).Where(s => s.HostId == hostId).ToList();
            if (shares.Sum(s => s.Cpus) + moreCpus > host.Cpus || shares.Sum(s => s.MemoryMiB) + moreMemory > host.MemoryMiB)
            {
                return $"host {host.Name} has no room for {type.Name}";
            }
        }

        return null;
    }

    private async Task<Outcome<Instance>> ChangeAsync(
        Actor actor, string id, Func<Instance, EventContext, Outcome<IInstanceEvent[]>> command, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            var instance = await session.FindInstanceAsync(id, ct).ConfigureAwait(false);
            if (instance is null || !actor.MayAccess(instance.Owner))
            {
                return NotFound<Instance>(id);
            }

            var decided = command(instance, EventContext.Of(actor, time));
            if (!decided.IsOk || decided.Value!.Length == 0)
            {
                return decided.IsOk ? Outcome<Instance>.Ok(instance) : decided.As<Instance>();
            }

            session.AppendInstance(id, instance.Version, decided.Value);

            // An instance that ends here (a pending or failed one terminated) lets go of its volumes in the same unit of work.
            var ended = decided.Value.OfType<InstanceTransitioned>().Any(t => t.To is InstanceState.Done or InstanceState.Failed);
            var deleting = ended
                ? await Volumes.VolumeService.ReconcileAsync(session, new Dictionary<string, IReadOnlyList<string>>(), [id], EventContext.Of(actor, time), ct).ConfigureAwait(false)
                : [];
            if (await session.SaveAsync(ct).ConfigureAwait(false) == ComputeStatus.Conflict)
            {
                continue;
            }

            await volumes.FinishDeletingAsync(deleting, ct).ConfigureAwait(false);

            foreach (var e in decided.Value)
            {
                instance.When(e);
            }

            if (instance.HostId is not null)
            {
                signals.HostChanged(instance.HostId);
            }

            return Outcome<Instance>.Ok(instance);
        }

        return Outcome<Instance>.Fail(ComputeStatus.Conflict, $"instance {id} is changing too often; retry");
    }

    private Quota Effective(User user) => QuotaCheck.Effective(user, options.DefaultQuota);

    // The store lock that orders an owner's launches (or, for an owner without limits, those with one client token).
    private static string? LaunchLock(string owner, Quota quota, string? clientToken) =>
        quota != Quota.Unset ? "launch:" + owner
        : clientToken is { Length: > 0 } ? "launch:" + owner + "\n" + clientToken
        : null;

    private static Outcome<T> NotFound<T>(string id) => Outcome<T>.Fail(ComputeStatus.NotFound, $"instance {id} does not exist");
}
