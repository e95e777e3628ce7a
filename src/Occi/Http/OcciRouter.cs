using StandardsCloud.Compute.Collections;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Occi.Mapping;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Http;

/// <summary>Maps a path and method onto the query interface, a collection or an entity (GFD.223 §4, §7–9).</summary>
public sealed partial class OcciRouter(
    QueryInterface queryInterface, ComputeResources computes, Networks networks, StorageResources storages, StorageLinks storageLinks, CollectionService collections)
{
    public async Task<OcciReply> RouteAsync(OcciCall call)
    {
        var reply = await AnswerAsync(call).ConfigureAwait(false);
        return reply is CollectionReply collection && call.Page is { } page
            ? collection with { Resources = page.Of(collection.Resources), Links = page.Of(collection.Links) }
            : reply;
    }

    private async Task<OcciReply> AnswerAsync(OcciCall call)
    {
        var path = call.Path;
        var method = call.Method;
        var catalog = await computes.CatalogAsync(call.Actor, call.Cancel).ConfigureAwait(false);
        if (path is "/-/" or "/.well-known/org/ogf/occi/-/")
        {
            return method switch
            {
                "GET" or "HEAD" => QueryInterface.List(catalog, call.Message),
                "POST" => await queryInterface.DefineAsync(call, catalog).ConfigureAwait(false),
                "DELETE" => await queryInterface.RemoveAsync(call, catalog).ConfigureAwait(false),
                _ => Replies.NotAllowed(method, path),
            };
        }

        if (path == "/")
        {
            return method switch
            {
                "GET" or "HEAD" => await EverythingAsync(call, catalog).ConfigureAwait(false),
                "POST" => await CreateByKindAsync(call, catalog, KindNamed(call.Message, catalog)).ConfigureAwait(false),
                _ => Replies.NotAllowed(method, path),
            };
        }

        switch (catalog.AtLocation(path))
        {
            case Kind kind:
                return await KindCollectionAsync(call, catalog, kind).ConfigureAwait(false);
            case Mixin mixin:
                return await MixinCollectionAsync(call, catalog, mixin).ConfigureAwait(false);
            default:
                break;
        }

        if (path.StartsWith("/compute/", StringComparison.Ordinal) && path.Length > "/compute/".Length)
        {
            return await ComputeAsync(call, catalog).ConfigureAwait(false);
        }

        if (path.StartsWith(StorageViews.StoragePrefix, StringComparison.Ordinal) && path.Length > StorageViews.StoragePrefix.Length)
        {
            return await StorageAsync(call, catalog).ConfigureAwait(false);
        }

        if (path.StartsWith(StorageViews.LinkPrefix, StringComparison.Ordinal))
        {
            return method switch
            {
                "GET" or "HEAD" => await storageLinks.GetAsync(call, path).ConfigureAwait(false),
                "DELETE" => await storageLinks.DeleteAsync(call, path).ConfigureAwait(false),
                _ => Replies.NotAllowed(method, path),
            };
        }

        if (path.StartsWith("/network/", StringComparison.Ordinal))
        {
            return method is "GET" or "HEAD" ? networks.Get(path) : Networks.Refuse();
        }

        if (path.StartsWith("/link/networkinterface/", StringComparison.Ordinal))
        {
            return method switch
            {
                "GET" or "HEAD" => await networks.GetInterfaceAsync(call, catalog, path).ConfigureAwait(false),
                "DELETE" => await networks.DeleteInterfaceAsync(call, path).ConfigureAwait(false),
                _ => Replies.NotAllowed(method, path),
            };
        }

        return method == "PUT"
            ? Replies.BadRequest($"entities are made under their kind's location, such as /compute/<name>; {path} is not one")
            : Replies.NotFound(path);
    }

    private static CategoryId? KindNamed(OcciMessage message, CategoryCatalog catalog) =>
        message.Categories.Select(c => catalog.Find(c.Id)).OfType<Kind>().FirstOrDefault()?.Id;

    private async Task<OcciReply> EverythingAsync(OcciCall call, CategoryCatalog catalog)
    {
        var resources = await computes.ViewsAsync(call, catalog, await computes.LiveAsync(call).ConfigureAwait(false)).ConfigureAwait(false);
        var storage = await storages.ViewsAsync(call, await storages.LiveAsync(call).ConfigureAwait(false)).ConfigureAwait(false);
        var all = resources.Concat(storage).Concat(((CollectionReply)networks.Collection()).Resources).ToList();
        return new CollectionReply(Filter(all, call.Message), [.. resources.SelectMany(r => r.Links)]);
    }

    private async Task<OcciReply> CreateByKindAsync(OcciCall call, CategoryCatalog catalog, CategoryId? kind)
    {
        if (kind == Vocabulary.Compute)
        {
            return await computes.CreateAsync(call, catalog, null).ConfigureAwait(false);
        }

        if (kind == Vocabulary.NetworkInterface)
        {
            return await networks.CreateInterfaceAsync(call, catalog).ConfigureAwait(false);
        }

        if (kind == Vocabulary.Network)
        {
            return Networks.Refuse();
        }

        if (kind == Vocabulary.Storage)
        {
            return await storages.CreateAsync(call, catalog, null).ConfigureAwait(false);
        }

        return kind == Vocabulary.StorageLink
            ? await storageLinks.CreateAsync(call).ConfigureAwait(false)
            : Replies.BadRequest("name the kind to create in a Category: compute, storage, networkinterface or storagelink (see /-/)");
    }

    private async Task<OcciReply> KindCollectionAsync(OcciCall call, CategoryCatalog catalog, Kind kind)
    {
        var method = call.Method;
        if (kind.Id == Vocabulary.Compute)
        {
            if (method == "POST" && call.Action is null)
            {
                return await computes.CreateAsync(call, catalog, null).ConfigureAwait(false);
            }

            if (method is "GET" or "HEAD" && call.LocationsOnly && call.Message.Categories.Count == 0 && call.Message.Attributes.Count == 0)
            {
                return new CollectionReply(await computes.LocatedAsync(call).ConfigureAwait(false), [], WithLinks: false);
            }

            // Renderings other than locations are JSON: an unfiltered, unpaged listing streams.
            if (method is "GET" or "HEAD" && !call.LocationsOnly && call.Page is null && call.Message.Categories.Count == 0 && call.Message.Attributes.Count == 0)
            {
                return new StreamedCollectionReply(computes.LiveViewsAsync(call, catalog));
            }

            var live = await computes.LiveAsync(call).ConfigureAwait(false);
            var views = Filter(await computes.ViewsAsync(call, catalog, live).ConfigureAwait(false), call.Message);
            switch (method)
            {
                case "GET" or "HEAD":
                    return new CollectionReply(views, [], WithLinks: false);
                case "POST":
                    return await ActOnAllAsync(call, catalog, Chosen(live, views), kind).ConfigureAwait(false);
                case "DELETE":
                    foreach (var instance in Chosen(live, views))
                    {
                        if (await computes.DeleteAsync(call, instance).ConfigureAwait(false) is { } refused)
                        {
                            return refused;
                        }
                    }

                    return new DoneReply();
                default:
                    return Replies.NotAllowed(method, call.Path);
            }
        }

        if (kind.Id == Vocabulary.Network)
        {
            return method is "GET" or "HEAD" ? new CollectionReply(Filter(((CollectionReply)networks.Collection()).Resources, call.Message), [], WithLinks: false) : Networks.Refuse();
        }

        if (kind.Id == Vocabulary.NetworkInterface)
        {
            return method switch
            {
                "GET" or "HEAD" => new CollectionReply([], await networks.InterfacesAsync(call, catalog).ConfigureAwait(false), WithResources: false),
                "POST" => await networks.CreateInterfaceAsync(call, catalog).ConfigureAwait(false),
                _ => Replies.NotAllowed(method, call.Path),
            };
        }

        if (kind.Id == Vocabulary.Storage)
        {
            return await StorageCollectionAsync(call, catalog, kind).ConfigureAwait(false);
        }

        return method switch
        {
            "GET" or "HEAD" => new CollectionReply([], await storageLinks.AllAsync(call).ConfigureAwait(false), WithResources: false),
            "POST" => await storageLinks.CreateAsync(call).ConfigureAwait(false),
            _ => Replies.NotAllowed(method, call.Path),
        };
    }

    // The instances a filtered collection kept, found by id: a listing of thousands must not compare each with each.
    private static List<Instance> Chosen(IReadOnlyList<Instance> live, IReadOnlyList<ResourceView> views)
    {
        var kept = views.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        return [.. live.Where(i => kept.Contains(i.Id))];
    }

    // GFD.223 §9.3.3: an action on a collection runs on every member.
    private async Task<OcciReply> ActOnAllAsync(OcciCall call, CategoryCatalog catalog, IReadOnlyList<Instance> members, Kind kind)
    {
        if (ActionOf(call, kind) is not { } action)
        {
            return Replies.BadRequest($"'{call.Action}' is not an action of {kind.Id}; its actions: {string.Join(", ", kind.Actions.Select(a => a.Term))}");
        }

        foreach (var instance in members)
        {
            if (await computes.ActAsync(call, instance, action).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }
        }

        return new CollectionReply(await computes.ViewsAsync(call, catalog, await computes.LiveAsync(call).ConfigureAwait(false)).ConfigureAwait(false), [], WithLinks: false);
    }

    private static CategoryId? ActionOf(OcciCall call, Kind kind)
    {
        var named = kind.Actions.FirstOrDefault(a => a.Term == call.Action);
        if (named == default)
        {
            return null;
        }

        // A category in the message must name the same action (GFD.223 §8.3.2).
        var given = call.Message.Categories.FirstOrDefault(c => c.Class == CategoryClass.Action || c.Id.Scheme.Contains("/action#", StringComparison.Ordinal));
        return given is null || given.Id == named ? named : null;
    }

    private async Task<OcciReply> MixinCollectionAsync(OcciCall call, CategoryCatalog catalog, Mixin mixin)
    {
        if (call.Method is "GET" or "HEAD")
        {
            var views = await computes.ViewsAsync(call, catalog, await computes.LiveAsync(call).ConfigureAwait(false)).ConfigureAwait(false);
            var members = views.Where(v => v.Mixins.Contains(mixin.Id)).Concat(((CollectionReply)networks.Collection()).Resources.Where(n => n.Mixins.Contains(mixin.Id)));
            return new CollectionReply(Filter([.. members], call.Message), [], WithLinks: false);
        }

        if (catalog.CollectionOf(mixin.Id) is null)
        {
            return Replies.Forbidden($"{mixin.Id} belongs to the provider; only your own mixins take members this way");
        }

        // GFD.223 §9.2–9.4: POST associates, PUT replaces, DELETE disassociates (all members when none are named).
        var ids = new List<string>();
        foreach (var location in call.Message.Locations)
        {
            if (call.PathOf(location) is not { } entityPath || !entityPath.StartsWith("/compute/", StringComparison.Ordinal)
                || await computes.FindAsync(call, entityPath).ConfigureAwait(false) is not { } instance)
            {
                return Replies.BadRequest($"{location} is none of your computes");
            }

            ids.Add(instance.Id);
        }

        var change = call.Method switch
        {
            "POST" => MemberChange.Add,
            "PUT" => MemberChange.Replace,
            "DELETE" => MemberChange.Remove,
            _ => (MemberChange?)null,
        };
        if (change is null)
        {
            return Replies.NotAllowed(call.Method, call.Path);
        }

        if (change == MemberChange.Remove && ids.Count == 0)
        {
            change = MemberChange.Replace;
        }

        var changed = await collections.ChangeMembersAsync(call.Actor, mixin.Id.Identifier, change.Value, ids, call.Cancel).ConfigureAwait(false);
        if (!changed.IsOk)
        {
            return Statuses.Refusal(changed);
        }

        var changedCatalog = await computes.CatalogAsync(call.Actor, call.Cancel).ConfigureAwait(false);
        return await MixinCollectionAsync(call with { Method = "GET", Message = OcciMessage.Empty }, changedCatalog, mixin).ConfigureAwait(false);
    }

    private async Task<OcciReply> ComputeAsync(OcciCall call, CategoryCatalog catalog)
    {
        var instance = await computes.FindAsync(call, call.Path).ConfigureAwait(false);
        if (instance is null)
        {
            if (call.Method != "PUT")
            {
                return Replies.NotFound(call.Path);
            }

            var name = call.Path["/compute/".Length..];
            return IsChosenName(name)
                ? await computes.CreateAsync(call, catalog, call.Path).ConfigureAwait(false)
                : Replies.BadRequest("a compute's chosen name has 1 to 64 letters, digits, '-', '_', '.' or '~'");
        }

        switch (call.Method)
        {
            case "GET" or "HEAD":
                return new EntityReply(await computes.ViewAsync(call, catalog, instance).ConfigureAwait(false), null);
            case "POST" when call.Action is not null:
                var kind = (Kind)catalog.Find(Vocabulary.Compute)!;
                if (ActionOf(call, kind) is not { } action)
                {
                    return Replies.BadRequest($"'{call.Action}' is not an action of compute; its actions: {string.Join(", ", kind.Actions.Select(a => a.Term))}");
                }

                if (await computes.ActAsync(call, instance, action).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }

                var acted = await computes.FindAsync(call, call.Path).ConfigureAwait(false) ?? instance;
                return new EntityReply(await computes.ViewAsync(call, catalog, acted).ConfigureAwait(false), null);
            case "POST" or "PUT":
                return await computes.UpdateAsync(call, catalog, instance).ConfigureAwait(false);
            case "DELETE":
                return (OcciReply?)await computes.DeleteAsync(call, instance).ConfigureAwait(false) ?? new DoneReply();
            default:
                return Replies.NotAllowed(call.Method, call.Path);
        }
    }

    // GFD.223 §7.2: Category and X-OCCI-Attribute in a GET filter a collection.
    private static List<ResourceView> Filter(IReadOnlyList<ResourceView> resources, OcciMessage filter)
    {
        if (filter.Categories.Count == 0 && filter.Attributes.Count == 0)
        {
            return [.. resources];
        }

        return [.. resources.Where(r =>
            filter.Categories.All(c => r.Kind == c.Id || r.Mixins.Contains(c.Id))
            && filter.Attributes.All(a => AttributeOf(r, a.Name) == a.Value.Text))];
    }

    private static string? AttributeOf(ResourceView resource, string name) => name switch
    {
        "occi.core.id" => resource.Id,
        "occi.core.title" => resource.Title,
        "occi.core.summary" => resource.Summary,
        _ => resource.Attributes.FirstOrDefault(a => a.Name == name)?.Value.Text,
    };
}
