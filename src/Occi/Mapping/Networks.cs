using StandardsCloud.Occi.Http;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>
/// Network resources and network interface links. The site's two networks are fixed: every
/// instance is on the private one; linking an instance to the public one gives it a public address.
/// </summary>
public sealed class Networks(ComputeResources computes, EntityViews views)
{
    public OcciReply Collection() => new CollectionReply(views.Networks(), []);

    public OcciReply Get(string path) =>
        views.Networks().FirstOrDefault(n => n.Location == path) is { } network ? new EntityReply(network, null) : Replies.NotFound(path);

    public static OcciReply Refuse() =>
        Replies.Forbidden($"this site's networks are fixed: {EntityViews.PrivateNetworkPath} and {EntityViews.PublicNetworkPath}; they cannot be created, changed or removed");

    /// <summary>Every interface link of the caller's instances.</summary>
    public async Task<IReadOnlyList<LinkView>> InterfacesAsync(OcciCall call, CategoryCatalog catalog) =>
        [.. (await computes.ViewsAsync(call, catalog, await computes.LiveAsync(call).ConfigureAwait(false)).ConfigureAwait(false)).SelectMany(r => r.Links)];

    public async Task<OcciReply> GetInterfaceAsync(OcciCall call, CategoryCatalog catalog, string path)
    {
        if (EntityViews.ParseInterfaceId(path["/link/networkinterface/".Length..]) is not var (instanceId, _)
            || await computes.FindAsync(call, "/compute/" + instanceId).ConfigureAwait(false) is not { } instance)
        {
            return Replies.NotFound(path);
        }

        var view = await computes.ViewAsync(call, catalog, instance).ConfigureAwait(false);
        return view.Links.FirstOrDefault(l => l.Location == path) is { } link ? new EntityReply(null, link) : Replies.NotFound(path);
    }

    // GFD.223 §8.3 on a link collection: source and target name the compute and the network.
    public async Task<OcciReply> CreateInterfaceAsync(OcciCall call, CategoryCatalog catalog)
    {
        var source = call.Message.Attribute("occi.core.source")?.Text;
        var target = call.Message.Attribute("occi.core.target")?.Text;
        if (source is null || target is null)
        {
            return Replies.BadRequest("a network interface needs occi.core.source (a compute) and occi.core.target (a network)");
        }

        if (call.PathOf(source) is not { } sourcePath || !sourcePath.StartsWith("/compute/", StringComparison.Ordinal)
            || await computes.FindAsync(call, sourcePath).ConfigureAwait(false) is not { } instance)
        {
            return Replies.BadRequest($"occi.core.source {source} is none of your computes");
        }

        switch (call.PathOf(target))
        {
            case EntityViews.PublicNetworkPath when views.Networks().Count > 1:
                if (await computes.AttachPublicAsync(call, instance.Id).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }

                break;
            case EntityViews.PrivateNetworkPath:
                return new ErrorReply(409, $"every compute is linked to {EntityViews.PrivateNetworkPath} from its creation");
            default:
                return Replies.BadRequest($"occi.core.target {target} is not one of this site's networks");
        }

        var view = await computes.ViewAsync(call, catalog, instance).ConfigureAwait(false);
        var link = view.Links.First(l => l.Target.Location == EntityViews.PublicNetworkPath);
        return new EntityReply(null, link, 201, link.Location);
    }

    public async Task<OcciReply> DeleteInterfaceAsync(OcciCall call, string path)
    {
        if (EntityViews.ParseInterfaceId(path["/link/networkinterface/".Length..]) is not var (instanceId, network)
            || await computes.FindAsync(call, "/compute/" + instanceId).ConfigureAwait(false) is not { } instance)
        {
            return Replies.NotFound(path);
        }

        if (network != "public")
        {
            return Replies.Forbidden($"every compute stays linked to {EntityViews.PrivateNetworkPath}");
        }

        return (OcciReply?)await computes.DetachPublicAsync(call, instance.Id).ConfigureAwait(false) ?? new DoneReply();
    }
}
