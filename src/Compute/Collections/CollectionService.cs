using StandardsCloud.Compute.Instances;

using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Collections;

/// <summary>Owners' named collections of their own instances; each change is on the collection's record.</summary>
public sealed class CollectionService(IComputeStore store, TimeProvider time)
{
    public const int MaxMembers = 10_000;
    public const int MaxCollections = 100;

    public static string Stream(string owner, string name) => "collection:" + ResourceCollection.IdOf(owner, name);

    public async Task<IReadOnlyList<ResourceCollection>> ListAsync(Actor actor, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var owner = actor.UserId;
        return [.. (await session.QueryAsync<ResourceCollection>(c => c.Owner == owner, ct).ConfigureAwait(false)).OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    public async Task<Outcome<ResourceCollection>> CreateAsync(Actor actor, string name, string? title, string location, CancellationToken ct)
    {
        var mine = await ListAsync(actor, ct).ConfigureAwait(false);
        if (mine.FirstOrDefault(c => c.Name == name || c.Location == location) is { } taken)
        {
            return Outcome<ResourceCollection>.Fail(ComputeStatus.Duplicate,
                taken.Name == name ? $"a collection named {name} exists already" : $"the location {location} is taken by {taken.Name}");
        }

        if (mine.Count >= MaxCollections)
        {
            return Outcome<ResourceCollection>.Fail(ComputeStatus.QuotaExceeded, $"an owner keeps at most {MaxCollections} collections");
        }

        var collection = new ResourceCollection
        {
            Id = ResourceCollection.IdOf(actor.UserId, name), Owner = actor.UserId, Name = name, Title = title,
            Location = location, CreatedAt = time.GetUtcNow(),
        };
        await using var session = store.OpenSession();
        session.Insert(collection);
        session.Record(Stream(actor.UserId, name), new CollectionCreated(EventContext.Of(actor, time), name, location));
        var saved = await session.SaveAsync(ct).ConfigureAwait(false);
        return saved == ComputeStatus.Ok
            ? Outcome<ResourceCollection>.Ok(collection)
            : Outcome<ResourceCollection>.Fail(ComputeStatus.Duplicate, $"a collection named {name} exists already");
    }

    public async Task<Outcome<bool>> DeleteAsync(Actor actor, string name, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        if (await session.LoadAsync<ResourceCollection>(ResourceCollection.IdOf(actor.UserId, name), ct).ConfigureAwait(false) is null)
        {
            return Outcome<bool>.Fail(ComputeStatus.NotFound, $"no collection named {name}");
        }

        session.Delete<ResourceCollection>(ResourceCollection.IdOf(actor.UserId, name));
        session.Record(Stream(actor.UserId, name), new CollectionDeleted(EventContext.Of(actor, time)));
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Adds, removes or replaces members; every named member must be one of the owner's instances.</summary>
    public async Task<Outcome<ResourceCollection>> ChangeMembersAsync(Actor actor, string name, MemberChange change, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var collection = await session.LoadAsync<ResourceCollection>(ResourceCollection.IdOf(actor.UserId, name), ct).ConfigureAwait(false);
        if (collection is null)
        {
            return Outcome<ResourceCollection>.Fail(ComputeStatus.NotFound, $"no collection named {name}");
        }

        if (change != MemberChange.Remove)
        {
            foreach (var id in ids)
            {
                if (await session.FindInstanceAsync(id, ct).ConfigureAwait(false) is not { } instance || instance.Owner != actor.UserId)
                {
                    return Outcome<ResourceCollection>.Fail(ComputeStatus.NotFound, $"instance {id} does not exist");
                }
            }
        }

        var next = change switch
        {
            MemberChange.Add => collection.Members.Union(ids, StringComparer.Ordinal).ToList(),
            MemberChange.Remove => collection.Members.Except(ids, StringComparer.Ordinal).ToList(),
            _ => ids.Distinct(StringComparer.Ordinal).ToList(),
        };
        if (next.Count > MaxMembers)
        {
            return Outcome<ResourceCollection>.Fail(ComputeStatus.QuotaExceeded, $"a collection holds at most {MaxMembers} members");
        }

        var added = next.Except(collection.Members, StringComparer.Ordinal).ToList();
        var removed = collection.Members.Except(next, StringComparer.Ordinal).ToList();
        if (added.Count + removed.Count == 0)
        {
            return Outcome<ResourceCollection>.Ok(collection);
        }

        collection.Members = next;
        session.Store(collection);
        session.Record(Stream(actor.UserId, name), new CollectionMembersChanged(EventContext.Of(actor, time), added, removed));
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<ResourceCollection>.Ok(collection);
    }
}

/// <summary>How <see cref="CollectionService.ChangeMembersAsync"/> treats the identifiers it is given.</summary>
public enum MemberChange
{
    Add,
    Remove,
    Replace,
}
