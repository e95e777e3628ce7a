using StandardsCloud.Compute;
using StandardsCloud.Occi.Mapping;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Http;

/// <summary>The storage collection and storage entities (GFD.223 §8–9 over GFD.224 §3.3).</summary>
public sealed partial class OcciRouter
{
    private async Task<OcciReply> StorageCollectionAsync(OcciCall call, CategoryCatalog catalog, Kind kind)
    {
        if (call.Method == "POST" && call.Action is null)
        {
            return await storages.CreateAsync(call, catalog, null).ConfigureAwait(false);
        }

        var live = await storages.LiveAsync(call).ConfigureAwait(false);
        if (call.Method is "GET" or "HEAD" && call.LocationsOnly && call.Message.Categories.Count == 0 && call.Message.Attributes.Count == 0)
        {
            return new CollectionReply([.. live.Select(StorageViews.Located)], [], WithLinks: false);
        }

        var views = Filter(await storages.ViewsAsync(call, live).ConfigureAwait(false), call.Message);
        var kept = views.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var chosen = live.Where(v => kept.Contains(v.Id)).ToList();
        switch (call.Method)
        {
            case "GET" or "HEAD":
                return new CollectionReply(views, [], WithLinks: false);
            case "POST":
                // GFD.223 §9.3.3: an action on a collection runs on every member.
                if (ActionOf(call, kind) is not { } action)
                {
                    return Replies.BadRequest($"'{call.Action}' is not an action of {kind.Id}; its actions: {string.Join(", ", kind.Actions.Select(a => a.Term))}");
                }

                foreach (var volume in chosen)
                {
                    if (await storages.ActAsync(call, volume, action).ConfigureAwait(false) is { } refused)
                    {
                        return refused;
                    }
                }

                return new CollectionReply(await storages.ViewsAsync(call, await storages.LiveAsync(call).ConfigureAwait(false)).ConfigureAwait(false), [], WithLinks: false);
            case "DELETE":
                foreach (var volume in chosen)
                {
                    if (await storages.DeleteAsync(call, volume).ConfigureAwait(false) is { } refused)
                    {
                        return refused;
                    }
                }

                return new DoneReply();
            default:
                return Replies.NotAllowed(call.Method, call.Path);
        }
    }

    private async Task<OcciReply> StorageAsync(OcciCall call, CategoryCatalog catalog)
    {
        var volume = await storages.FindAsync(call, call.Path).ConfigureAwait(false);
        if (volume is null)
        {
            if (call.Method != "PUT")
            {
                return Replies.NotFound(call.Path);
            }

            var name = call.Path[StorageViews.StoragePrefix.Length..];
            return IsChosenName(name) && !name.StartsWith(ResourceIds.VolumePrefix, StringComparison.Ordinal)
                ? await storages.CreateAsync(call, catalog, call.Path).ConfigureAwait(false)
                : Replies.BadRequest("a storage's chosen name has 1 to 64 letters, digits, '-', '_', '.' or '~', and does not begin with vol-");
        }

        switch (call.Method)
        {
            case "GET" or "HEAD":
                return new EntityReply(await storages.ViewAsync(call, volume).ConfigureAwait(false), null);
            case "POST" when call.Action is not null:
                var kind = (Kind)catalog.Find(Vocabulary.Storage)!;
                if (ActionOf(call, kind) is not { } action)
                {
                    return Replies.BadRequest($"'{call.Action}' is not an action of storage; its actions: {string.Join(", ", kind.Actions.Select(a => a.Term))}");
                }

                if (await storages.ActAsync(call, volume, action).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }

                var acted = await storages.FindAsync(call, call.Path).ConfigureAwait(false) ?? volume;
                return new EntityReply(await storages.ViewAsync(call, acted).ConfigureAwait(false), null);
            case "POST" or "PUT":
                return await storages.UpdateAsync(call, catalog, volume).ConfigureAwait(false);
            case "DELETE":
                return (OcciReply?)await storages.DeleteAsync(call, volume).ConfigureAwait(false) ?? new DoneReply();
            default:
                return Replies.NotAllowed(call.Method, call.Path);
        }
    }

    private static bool IsChosenName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~');
}
