using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Images;

/// <summary>
/// What an administrator gives to register an image: <see cref="Url"/> is a file, http or https URL,
/// or an absolute path; <see cref="Boot"/> optionally names a kernel and initrd to boot directly.
/// </summary>
public sealed record ImageRegistration(string Name, string Url, string Sha1, bool IsPublic = true, ImageBoot? Boot = null);

/// <summary>
/// The site's image catalogue: images registered by URL and SHA-1, plus the Marketplace entries the
/// site's policy allows (taken into the store when first registered or launched, so hosts find them).
/// </summary>
public sealed partial class ImageService(
    IComputeStore store, TimeProvider time, IMarketplaceImages? marketplace = null, IVolumeBackend? files = null, ComputeOptions? options = null)
{
    private readonly IMarketplaceImages _marketplace = marketplace ?? new NoMarketplace();
    private readonly ComputeOptions _options = options ?? new ComputeOptions();

    public async Task<Outcome<Image>> RegisterAsync(Actor actor, ImageRegistration registration, CancellationToken ct)
    {
        if (!actor.IsAdmin)
        {
            return Outcome<Image>.Fail(ComputeStatus.Forbidden, "only administrators register images");
        }

        if (string.IsNullOrWhiteSpace(registration.Name) || registration.Name.Length > 128)
        {
            return Outcome<Image>.Fail(ComputeStatus.InvalidParameter, "name: 1 to 128 characters required");
        }

        var file = BootFiles.Check("url", "sha1", new BootFile(registration.Url, registration.Sha1));
        if (!file.IsOk)
        {
            return file.As<Image>();
        }

        var boot = BootFiles.Check(registration.Boot);
        if (!boot.IsOk)
        {
            return boot.As<Image>();
        }

        await using var session = store.OpenSession();
        var existing = await session.ListAsync<Image>(ct).ConfigureAwait(false);
        if (existing.Any(i => i.Name == registration.Name && !i.Deregistered))
        {
            return Outcome<Image>.Fail(ComputeStatus.Duplicate, $"an image named '{registration.Name}' exists");
        }

        var image = new Image
        {
            Id = ResourceIds.NewImageId(),
            Name = registration.Name,
            Owner = actor.UserId,
            Url = file.Value!.Url,
            Sha1 = file.Value.Sha1,
            Boot = boot.Value,
            IsPublic = registration.IsPublic,
            RegisteredAt = time.GetUtcNow(),
        };
        session.Store(image);
        session.Record(ResourceStreams.Image(image.Id), new ImageRegistered(EventContext.Of(actor, time), image.Name, image.Url, image.Sha1, image.Boot));
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<Image>.Ok(image);
    }

    /// <summary>The catalogue as <paramref name="actor"/> sees it: registered images and the Marketplace entries policy allows.</summary>
    public async Task<IReadOnlyList<Image>> ListAsync(Actor actor, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var stored = await session.ListAsync<Image>(ct).ConfigureAwait(false);
        var allowed = await _marketplace.AllowedAsync(ct).ConfigureAwait(false);
        var allowedIds = allowed.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var known = stored.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

        // A Marketplace image already taken into the store stays listed only while policy allows its entry.
        var registered = stored.Where(i => !i.Deregistered && (i.IsPublic || actor.MayAccess(i.Owner))
            && (i.MarketplaceIdentifier is null || allowedIds.Contains(i.Id)));
        return [.. registered.Concat(allowed.Where(i => !known.Contains(i.Id))).OrderBy(i => i.Name, StringComparer.Ordinal)];
    }

    public async Task<Outcome<Image>> GetAsync(Actor actor, string id, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var image = await session.LoadAsync<Image>(id, ct).ConfigureAwait(false)
            ?? (await _marketplace.AllowedAsync(ct).ConfigureAwait(false)).FirstOrDefault(i => i.Id == id);
        return image is not null && !image.Deregistered && (image.IsPublic || actor.MayAccess(image.Owner))
            ? Outcome<Image>.Ok(image)
            : Outcome<Image>.Fail(ComputeStatus.NotFound, $"image {id} does not exist");
    }

    /// <summary>Every change of an image.</summary>
    public async Task<Outcome<IReadOnlyList<HistoryEntry>>> HistoryAsync(Actor actor, string id, CancellationToken ct)
    {
        var image = await GetAsync(actor, id, ct).ConfigureAwait(false);
        if (!image.IsOk)
        {
            return image.As<IReadOnlyList<HistoryEntry>>();
        }

        await using var session = store.OpenSession();
        return Outcome<IReadOnlyList<HistoryEntry>>.Ok(await session.ResourceHistoryAsync(ResourceStreams.Image(id), ct).ConfigureAwait(false));
    }
}
