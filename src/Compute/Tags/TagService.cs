using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Tags;

/// <summary>Why a tag request was refused, naming the resource at fault when there is one.</summary>
public sealed record TagRefusal(ComputeStatus Status, string? ResourceId, string Reason);

/// <summary>
/// Tags on every taggable resource an owner has. A request names several resources and applies to
/// all of them or none; instance tags are events on the instance's stream, the others live on the
/// resource's document.
/// </summary>
public sealed class TagService(IComputeStore store, TimeProvider time)
{
    private const int ConflictRetries = 8;

    /// <summary>Applies <paramref name="change"/> to every resource named; null on success.</summary>
    public async Task<TagRefusal?> ChangeAsync(Actor actor, IReadOnlyList<string> resourceIds, TagChange change, CancellationToken ct)
    {
        if (change.Problem() is { } problem)
        {
            return new TagRefusal(ComputeStatus.InvalidParameter, null, problem);
        }

        if (resourceIds.FirstOrDefault(id => TaggedKinds.Of(id) is null) is { } unknown)
        {
            return new TagRefusal(ComputeStatus.InvalidParameter, unknown, $"The ID '{unknown}' is not valid");
        }

        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            await using var session = store.OpenSession();
            var ctx = EventContext.Of(actor, time);
            foreach (var id in resourceIds.Distinct(StringComparer.Ordinal))
            {
                var refusal = TaggedKinds.Of(id) == TaggedKind.Instance
                    ? await RetagInstanceAsync(session, actor, ctx, id, change, ct).ConfigureAwait(false)
                    : await RetagDocumentAsync(session, actor, id, change, ct).ConfigureAwait(false);
                if (refusal is not null)
                {
                    return refusal;
                }
            }

            if (await session.SaveAsync(ct).ConfigureAwait(false) == ComputeStatus.Ok)
            {
                return null;
            }
        }

        return new TagRefusal(ComputeStatus.Conflict, null, "The resources are changing too often; retry.");
    }

    /// <summary>Every tag on the caller's resources.</summary>
    public async Task<IReadOnlyList<ResourceTag>> ListAsync(Actor actor, CancellationToken ct)
    {
        var owner = actor.UserId;
        await using var session = store.OpenSession();
        var tags = new List<ResourceTag>();
        void Add(TaggedKind kind, IEnumerable<ITagged> resources) =>
            tags.AddRange(resources.SelectMany(r => r.Tags.Select(t => new ResourceTag(r.ResourceId, kind, t.Key, t.Value))));

        var instances = await session.ListInstancesAsync(new InstanceQuery { Owner = owner }, ct).ConfigureAwait(false);
        tags.AddRange(instances.SelectMany(i => i.Tags.Select(t => new ResourceTag(i.Id, TaggedKind.Instance, t.Key, t.Value))));
        Add(TaggedKind.SecurityGroup, await session.QueryAsync<SecurityGroup>(g => g.Owner == owner, ct).ConfigureAwait(false));
        Add(TaggedKind.Image, await session.QueryAsync<Image>(i => i.Owner == owner, ct).ConfigureAwait(false));
        Add(TaggedKind.KeyPair, await session.QueryAsync<KeyPair>(k => k.Owner == owner, ct).ConfigureAwait(false));
        Add(TaggedKind.Address, await session.QueryAsync<PublicAddress>(a => a.Owner == owner, ct).ConfigureAwait(false));
        Add(TaggedKind.Volume, (await session.QueryAsync<Volume>(v => v.Owner == owner, ct).ConfigureAwait(false)).Where(v => v.State != VolumeState.Deleted));
        Add(TaggedKind.Snapshot, await session.QueryAsync<Snapshot>(s => s.Owner == owner, ct).ConfigureAwait(false));
        return [.. tags.OrderBy(t => t.ResourceId, StringComparer.Ordinal).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

    private static async Task<TagRefusal?> RetagInstanceAsync(
        IComputeSession session, Actor actor, EventContext ctx, string id, TagChange change, CancellationToken ct)
    {
        var instance = await session.FindInstanceAsync(id, ct).ConfigureAwait(false);
        if (instance is null || instance.Owner != actor.UserId)
        {
            return NotFound(id);
        }

        var decided = InstanceCommands.Retag(instance, ctx, change);
        if (!decided.IsOk)
        {
            return new TagRefusal(decided.Status, id, decided.Reason!);
        }

        if (decided.Value!.Length > 0)
        {
            session.AppendInstance(id, instance.Version, decided.Value);
        }

        return null;
    }

    private static async Task<TagRefusal?> RetagDocumentAsync(IComputeSession session, Actor actor, string id, TagChange change, CancellationToken ct)
    {
        ITagged? resource = TaggedKinds.Of(id) switch
        {
            TaggedKind.SecurityGroup => await session.LoadAsync<SecurityGroup>(id, ct).ConfigureAwait(false),
            TaggedKind.Image => await session.LoadAsync<Image>(id, ct).ConfigureAwait(false),
            TaggedKind.Address => await session.LoadAsync<PublicAddress>(id, ct).ConfigureAwait(false),
            TaggedKind.KeyPair => (await session.QueryAsync<KeyPair>(k => k.KeyPairId == id, ct).ConfigureAwait(false)).FirstOrDefault(),
            TaggedKind.Volume => await session.LoadAsync<Volume>(id, ct).ConfigureAwait(false) is { State: not VolumeState.Deleted } volume ? volume : null,
            TaggedKind.Snapshot => await session.LoadAsync<Snapshot>(id, ct).ConfigureAwait(false),
            _ => null,
        };
        if (resource is null || resource.Owner != actor.UserId)
        {
            return NotFound(id);
        }

        if (change.Exceeds(resource.Tags) is { } limit)
        {
            return new TagRefusal(ComputeStatus.QuotaExceeded, id, limit);
        }

        change.ApplyTo(resource.Tags);
        switch (resource)
        {
            case SecurityGroup group: session.Store(group); break;
            case Image image: session.Store(image); break;
            case PublicAddress address: session.Store(address); break;
            case KeyPair key: session.Store(key); break;
            case Volume volume: session.Store(volume); break;
            case Snapshot snapshot: session.Store(snapshot); break;
        }

        return null;
    }

    private static TagRefusal NotFound(string id) => new(ComputeStatus.NotFound, id, $"The ID '{id}' does not exist");
}
