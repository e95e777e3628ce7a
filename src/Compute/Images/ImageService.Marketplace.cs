using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Images;

/// <summary>Registration from the Marketplace, deregistration, and the policy check every launch passes.</summary>
public sealed partial class ImageService
{
    /// <summary>
    /// Takes the Marketplace entry <paramref name="location"/> names into the catalogue and answers
    /// its image; the same entry always gives the same image id, so registering twice is harmless.
    /// </summary>
    public async Task<Outcome<Image>> RegisterFromMarketplaceAsync(Actor actor, string location, CancellationToken ct)
    {
        var resolved = await _marketplace.ResolveAsync(location, ct).ConfigureAwait(false);
        if (!resolved.IsOk)
        {
            return resolved;
        }

        await using var session = store.OpenSession();
        var image = await session.LoadAsync<Image>(resolved.Value!.Id, ct).ConfigureAwait(false);
        if (image is { Deregistered: false })
        {
            return Outcome<Image>.Ok(image);
        }

        if (image is { Deregistered: true } && !actor.IsAdmin)
        {
            return Outcome<Image>.Fail(ComputeStatus.Forbidden, $"image {image.Id} was deregistered; only administrators bring it back");
        }

        image = resolved.Value!;
        image.RegisteredAt = time.GetUtcNow();
        session.Store(image);
        session.Record(ResourceStreams.Image(image.Id), new ImageRegistered(EventContext.Of(actor, time), image.Name, image.Url, image.Sha1));
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<Image>.Ok(image);
    }

    /// <summary>An image the actor owns or, as an administrator, may manage; Forbidden for another's image it may only see.</summary>
    public async Task<Outcome<Image>> GetOwnedAsync(Actor actor, string id, CancellationToken ct)
    {
        var found = await GetAsync(actor, id, ct).ConfigureAwait(false);
        return !found.IsOk || actor.IsAdmin || actor.MayAccess(found.Value!.Owner)
            ? found
            : Outcome<Image>.Fail(ComputeStatus.Forbidden, $"only administrators and the image's owner manage {id}");
    }

    /// <summary>
    /// The owner (or an administrator) describes an image or chooses who may launch it: every
    /// user (public) or its owner alone, under the rules of <see cref="ImageAttributes.Refusal"/>.
    /// </summary>
    public async Task<Outcome<Image>> ChangeAttributesAsync(Actor actor, string id, string? description, bool? isPublic, CancellationToken ct)
    {
        var found = await GetOwnedAsync(actor, id, ct).ConfigureAwait(false);
        if (!found.IsOk)
        {
            return found;
        }

        var image = found.Value!;
        if (ImageAttributes.Refusal(_options, actor, image, description, isPublic) is { } refused)
        {
            return refused;
        }

        await using var session = store.OpenSession();
        image.Description = description ?? image.Description;
        image.IsPublic = isPublic ?? image.IsPublic;
        session.Store(image);
        session.Record(ResourceStreams.Image(image.Id), new ImageAttributesChanged(EventContext.Of(actor, time), description, isPublic));
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<Image>.Ok(image);
    }

    /// <summary>
    /// Why <paramref name="actor"/> may not withdraw <paramref name="image"/>, or null: administrators
    /// withdraw any image, owners their own images but not Marketplace entries, which the site's catalogue holds.
    /// </summary>
    public static Outcome<Image>? DeregistrationRefusal(Actor actor, Image image) =>
        actor.IsAdmin || (actor.MayAccess(image.Owner) && image.MarketplaceIdentifier is null)
            ? null
            : Outcome<Image>.Fail(ComputeStatus.Forbidden, $"only administrators and the image's owner deregister {image.Id}");

    /// <summary>Withdraws an image from the catalogue. Instances already running on it keep it.</summary>
    public async Task<Outcome<Image>> DeregisterAsync(Actor actor, string id, CancellationToken ct)
    {
        var found = await GetAsync(actor, id, ct).ConfigureAwait(false);
        if (!found.IsOk)
        {
            return found;
        }

        var image = found.Value!;
        if (DeregistrationRefusal(actor, image) is { } refused)
        {
            return refused;
        }

        await using var session = store.OpenSession();
        image.Deregistered = true;
        if (image.State == ImageState.Pending)
        {
            // Its host is asked for the copy no more.
            image.State = ImageState.Failed;
            image.StateReason = "deregistered before its disk was saved";
        }

        session.Store(image);
        session.Record(ResourceStreams.Image(image.Id), new ImageDeregistered(EventContext.Of(actor, time)));
        await session.SaveAsync(ct).ConfigureAwait(false);
        if (image.SourceInstanceId is not null && files is not null)
        {
            // A saved image's file goes with it: hosts keep their own verified copies, so instances made from it run on.
            await files.DeleteSavedImageAsync(image.Id, ct).ConfigureAwait(false);
        }

        return Outcome<Image>.Ok(image);
    }

    /// <summary>
    /// The image a launch may use, or why not: it must exist for <paramref name="actor"/>, not be
    /// deregistered, and pass the site's image policy now (expiry, deprecation, trust, allow and
    /// deny lists). A Marketplace image is taken into the store here, so its hosts can find it.
    /// </summary>
    public async Task<Outcome<Image>> AdmitAsync(Actor actor, string id, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var image = await session.LoadAsync<Image>(id, ct).ConfigureAwait(false);
        if (image is null)
        {
            image = (await _marketplace.AllowedAsync(ct).ConfigureAwait(false)).FirstOrDefault(i => i.Id == id);
            if (image is not null)
            {
                image.RegisteredAt = time.GetUtcNow();
                session.Store(image);
                session.Record(ResourceStreams.Image(image.Id), new ImageRegistered(EventContext.Of(actor, time), image.Name, image.Url, image.Sha1));
                await session.SaveAsync(ct).ConfigureAwait(false);
            }
        }

        if (image is null || image.Deregistered || !(image.IsPublic || actor.MayAccess(image.Owner)))
        {
            return Outcome<Image>.Fail(ComputeStatus.NotFound, $"image {id} does not exist");
        }

        if (image.State != ImageState.Available)
        {
            return Outcome<Image>.Fail(ComputeStatus.IncorrectState, image.State == ImageState.Pending
                ? $"image {id} is still being saved from instance {image.SourceInstanceId}"
                : $"image {id} could not be saved ({image.StateReason}); it can only be deregistered");
        }

        return await _marketplace.CheckAsync(image, ct).ConfigureAwait(false);
    }
}
