namespace StandardsCloud.Compute.Images;

/// <summary>
/// The Marketplace as the core's image catalogue sees it: the entries the site's policy allows,
/// the entry an image location names, and the policy's decision when an image is used. The core
/// never parses metadata; the Marketplace answers in images and reasons.
/// </summary>
public interface IMarketplaceImages
{
    /// <summary>Images of the Marketplace entries the site's policy allows now, with ids derived from identifier and endorser.</summary>
    Task<IReadOnlyList<Image>> AllowedAsync(CancellationToken ct);

    /// <summary>
    /// The image of the entry a location names: an identifier, <c>identifier/email</c>, or a URL
    /// whose path holds <c>/metadata/identifier[/email[/created]]</c>. Forbidden, with the
    /// policy's reason, when the site does not allow it.
    /// </summary>
    Task<Outcome<Image>> ResolveAsync(string location, CancellationToken ct);

    /// <summary>Whether the site's policy lets <paramref name="image"/> be launched now; Forbidden with the reason if not.</summary>
    Task<Outcome<Image>> CheckAsync(Image image, CancellationToken ct);
}

/// <summary>A site without a Marketplace: no entries, and every image registered by URL may be used.</summary>
public sealed class NoMarketplace : IMarketplaceImages
{
    public Task<IReadOnlyList<Image>> AllowedAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<Image>>([]);

    public Task<Outcome<Image>> ResolveAsync(string location, CancellationToken ct) =>
        Task.FromResult(Outcome<Image>.Fail(ComputeStatus.NotFound, $"'{location}' names no Marketplace entry: this site has no Marketplace"));

    public Task<Outcome<Image>> CheckAsync(Image image, CancellationToken ct) => Task.FromResult(Outcome<Image>.Ok(image));
}
