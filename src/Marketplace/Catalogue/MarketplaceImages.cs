using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Images;
using StandardsCloud.Marketplace.Entries;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Marketplace.Catalogue;

/// <summary>
/// The Marketplace seen from the compute core: each latest entry of an identifier and endorser is
/// one image, with an id derived from both (so it is the same on every replica and every day),
/// offered while the site's policy allows it and refused at launch with the policy's reason.
/// </summary>
public sealed class MarketplaceImages(MarketplaceCatalog catalog, MarketplaceOptions options) : IMarketplaceImages
{
    /// <summary>The owner the core records for images taken from the Marketplace.</summary>
    public const string Owner = "marketplace";

    public static string ImageIdOf(string identifier, string email) =>
        ResourceIds.ImagePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identifier}/{email.ToLowerInvariant()}")))[..17];

    public async Task<IReadOnlyList<Image>> AllowedAsync(CancellationToken ct)
    {
        var found = await catalog.FindAsync(new EntryQuery { Status = "valid", Limit = 1000 }, ct).ConfigureAwait(false);
        return [.. found.Value!.Where(e => e.Locations.Count > 0 && catalog.PolicyOf(e).Allowed).Select(ToImage)];
    }

    public async Task<Outcome<Image>> ResolveAsync(string location, CancellationToken ct)
    {
        var parts = Parts(location);
        if (parts.Count == 0 || !MarketplaceIdentifier.IsWellFormed(parts[0]))
        {
            return Outcome<Image>.Fail(ComputeStatus.InvalidParameter,
                $"'{location}' names no Marketplace entry; give an identifier, identifier/email, or a URL ending in /metadata/identifier[/email[/created]]");
        }

        var email = parts.Count > 1 ? parts[1] : null;
        var entries = (await catalog.LatestOfAsync(parts[0], ct).ConfigureAwait(false))
            .Where(e => email is null || string.Equals(e.Email, email, StringComparison.OrdinalIgnoreCase))
            .Where(e => parts.Count < 3 || e.CreatedText == parts[2])
            .ToList();
        if (entries.Count == 0)
        {
            return Outcome<Image>.Fail(ComputeStatus.NotFound, $"the Marketplace holds no current entry for '{location}'");
        }

        var decisions = entries.Select(e => (Entry: e, Decision: catalog.PolicyOf(e))).ToList();
        var (entry, decision) = decisions.FirstOrDefault(d => d.Decision.Allowed) is { Entry: not null } allowed ? allowed : decisions[0];
        if (!decision.Allowed)
        {
            return Outcome<Image>.Fail(ComputeStatus.Forbidden, decision.Reason);
        }

        return entry.Locations.Count == 0
            ? Outcome<Image>.Fail(ComputeStatus.InvalidParameter, $"entry {entry.Id} gives no slterms:location to fetch the image from")
            : Outcome<Image>.Ok(ToImage(entry));
    }

    public async Task<Outcome<Image>> CheckAsync(Image image, CancellationToken ct)
    {
        if (image.MarketplaceIdentifier is null)
        {
            // An image registered by URL has no endorser; only the checksum deny list speaks to it.
            return options.Policy.DenyChecksums.Contains(image.Sha1, StringComparer.OrdinalIgnoreCase)
                ? Outcome<Image>.Fail(ComputeStatus.Forbidden, $"image {image.Id}: SHA-1 {image.Sha1} is on the site's deny list")
                : Outcome<Image>.Ok(image);
        }

        var entry = (await catalog.LatestOfAsync(image.MarketplaceIdentifier, ct).ConfigureAwait(false))
            .FirstOrDefault(e => string.Equals(e.Email, image.Endorser, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            return Outcome<Image>.Fail(ComputeStatus.Forbidden, $"image {image.Id}: the Marketplace holds no entry {image.MarketplaceIdentifier} by {image.Endorser}");
        }

        var decision = catalog.PolicyOf(entry);
        return decision.Allowed
            ? Outcome<Image>.Ok(image)
            : Outcome<Image>.Fail(ComputeStatus.Forbidden, $"image {image.Id}: {decision.Reason}");
    }

    private static Image ToImage(MarketplaceEntry e) => new()
    {
        Id = ImageIdOf(e.Identifier, e.Email),
        Name = e.Title ?? e.Identifier,
        Owner = Owner,
        Url = e.Locations[0],
        Sha1 = e.Sha1,
        IsPublic = true,
        RegisteredAt = e.UploadedAt,
        MarketplaceIdentifier = e.Identifier,
        Endorser = e.Email,
        Bytes = e.Bytes,
    };

    private static List<string> Parts(string location)
    {
        var path = location.Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var at = uri.AbsolutePath.IndexOf("/metadata/", StringComparison.Ordinal);
            path = at < 0 ? "" : uri.AbsolutePath[(at + "/metadata/".Length)..];
        }

        return [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];
    }
}
