using StandardsCloud.Compute.Collections;
using StandardsCloud.Compute.Images;
using StandardsCloud.Occi.Http;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>The query interface at <c>/-/</c> (GFD.223 §7): list and filter categories, add and remove the caller's own mixins.</summary>
public sealed class QueryInterface(CollectionService collections, ImageService images)
{
    // Kinds' collections and entities live under these; a mixin elsewhere (also under /mixin/) may take any free path.
    private static readonly string[] ReservedPrefixes = ["/-/", "/.well-known/", "/compute/", "/network/", "/storage/", "/link/"];

    // GFD.223 §7.1: a Category filter selects exactly the categories named.
    public static OcciReply List(CategoryCatalog catalog, OcciMessage filter)
    {
        if (filter.Categories.Count == 0)
        {
            return new CategoriesReply(catalog.All);
        }

        var wanted = filter.Categories.Select(c => c.Id.Identifier).ToHashSet(StringComparer.Ordinal);
        return new CategoriesReply([.. catalog.All.Where(c => wanted.Contains(c.Id.Identifier))]);
    }

    // GFD.223 §7.3: each category is a full mixin definition with its location.
    public async Task<OcciReply> DefineAsync(OcciCall call, CategoryCatalog catalog)
    {
        if (call.Message.Categories.Count == 0)
        {
            return Replies.BadRequest("name the mixin to define in a Category with scheme, class=\"mixin\" and location");
        }

        foreach (var category in call.Message.Categories)
        {
            if (catalog.Find(category.Id) is { } existing)
            {
                return catalog.CollectionOf(category.Id) is null
                    ? Replies.Forbidden($"{category.Id} is the provider's {existing.Class.ToString().ToLowerInvariant()}; it cannot be redefined")
                    : new ErrorReply(409, $"the mixin {category.Id} exists already");
            }

            if (category.Class is not (null or CategoryClass.Mixin))
            {
                return Replies.Forbidden("users may define mixins only, not kinds or actions");
            }

            if (category.Location is not { } location || call.PathOf(location) is not { } path || !path.EndsWith('/') || path.Length < 3)
            {
                return Replies.BadRequest($"the mixin {category.Id} needs a location: a path on this service ending in '/', such as /my_mixins/{category.Id.Term}/");
            }

            if (ReservedPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) || catalog.AtLocation(path) is not null || path.Contains('?') || path.Contains("//", StringComparison.Ordinal))
            {
                return new ErrorReply(409, $"the location {path} is taken or reserved; choose another");
            }

            var created = await collections.CreateAsync(call.Actor, category.Id.Identifier, category.Title, path, call.Cancel).ConfigureAwait(false);
            if (!created.IsOk)
            {
                return Statuses.Refusal(created);
            }
        }

        return new DoneReply();
    }

    public async Task<OcciReply> RemoveAsync(OcciCall call, CategoryCatalog catalog)
    {
        if (call.Message.Categories.Count == 0)
        {
            return Replies.BadRequest("name the mixin to remove in a Category header");
        }

        foreach (var category in call.Message.Categories)
        {
            // An os_tpl saved from one of the caller's computes is the caller's: removing it deregisters the image.
            if (catalog.ImageOf(category.Id) is { SourceInstanceId: not null } saved && call.Actor.MayAccess(saved.Owner))
            {
                var removed = await images.DeregisterAsync(call.Actor, saved.Id, call.Cancel).ConfigureAwait(false);
                if (!removed.IsOk)
                {
                    return Statuses.Refusal(removed);
                }

                continue;
            }

            if (catalog.CollectionOf(category.Id) is null)
            {
                return catalog.Find(category.Id) is null
                    ? new ErrorReply(404, $"there is no mixin {category.Id}")
                    : Replies.Forbidden($"{category.Id} belongs to the provider; it cannot be removed");
            }

            await collections.DeleteAsync(call.Actor, category.Id.Identifier, call.Cancel).ConfigureAwait(false);
        }

        return new DoneReply();
    }
}
