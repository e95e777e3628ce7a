using StandardsCloud.Compute;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Collections;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Tags;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Http;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>Compute resources over the core's instances: create, read, update, act, delete (GFD.223 §8–9, GFD.224 §3.1).</summary>
public sealed class ComputeResources(
    InstanceService instances, TagService tags, ImageService images, CollectionService collections, AddressService addresses, HostService hosts,
    ComputeOptions compute, OcciOptions options, EntityViews views, StorageLookup storage)
{
    public async Task<CategoryCatalog> CatalogAsync(Actor actor, CancellationToken ct) => new(options,
        await images.ListAsync(actor, ct).ConfigureAwait(false), compute.InstanceTypes, await collections.ListAsync(actor, ct).ConfigureAwait(false));

    /// <summary>The caller's live instances: once deleted (terminating or terminated) a compute is gone from OCCI's view.</summary>
    public async Task<IReadOnlyList<Instance>> LiveAsync(OcciCall call, InstanceQuery? query = null) =>
        [.. (await instances.ListAsync(call.Actor, query ?? new InstanceQuery(), call.Cancel).ConfigureAwait(false)).Where(IsLive)];

    /// <summary>The caller's live computes as a listing of locations shows them: read only as far as their handles.</summary>
    public async Task<IReadOnlyList<ResourceView>> LocatedAsync(OcciCall call) =>
        [.. (await instances.ListHandlesAsync(call.Actor, new InstanceQuery(), call.Cancel).ConfigureAwait(false))
            .Where(h => IsLive(h.State, h.Intent)).Select(EntityViews.Located)];

    private static bool IsLive(Instance instance) => IsLive(instance.State, instance.Intent);

    private static bool IsLive(InstanceState state, InstanceIntent intent) => state != InstanceState.Done && intent != InstanceIntent.Terminate;

    public async Task<IReadOnlyList<ResourceView>> ViewsAsync(OcciCall call, CategoryCatalog catalog, IReadOnlyList<Instance> live)
    {
        var view = await ViewerAsync(call, catalog).ConfigureAwait(false);
        return [.. live.Select(i => view(InstanceOutline.Of(i)))];
    }

    /// <summary>The views of the caller's live computes, made one by one as the instances are read.</summary>
    public async IAsyncEnumerable<ResourceView> LiveViewsAsync(OcciCall call, CategoryCatalog catalog)
    {
        var view = await ViewerAsync(call, catalog).ConfigureAwait(false);
        await foreach (var instance in instances.StreamOutlinesAsync(call.Actor, call.Cancel).ConfigureAwait(false))
        {
            if (IsLive(instance.State, instance.Intent))
            {
                yield return view(instance);
            }
        }
    }

    // What every view needs beside its instance, read once: public addresses, host clocks, attached storage.
    private async Task<Func<InstanceOutline, ResourceView>> ViewerAsync(OcciCall call, CategoryCatalog catalog)
    {
        var bound = (await addresses.ListAsync(call.Actor, call.Cancel).ConfigureAwait(false))
            .Where(a => a.InstanceId is not null).ToDictionary(a => a.InstanceId!, StringComparer.Ordinal);
        // Only the clock of each host is used: a compute's speed is its host's (GFD.224 §3.1).
        var clocks = (await hosts.ListAsync(call.Cancel).ConfigureAwait(false)).ToDictionary(h => h.Id, h => h.CpuMhz, StringComparer.Ordinal);
        var disks = (await storage.HeldAsync(call).ConfigureAwait(false))
            .SelectMany(v => v.Attachments.Select(a => (Volume: v, Attachment: a))).ToLookup(d => d.Attachment.InstanceId, StringComparer.Ordinal);
        return i => views.Compute(i, catalog, bound.GetValueOrDefault(i.Id), i.HostId is { } host ? clocks.GetValueOrDefault(host) : 0, disks[i.Id]);
    }

    public async Task<ResourceView> ViewAsync(OcciCall call, CategoryCatalog catalog, Instance instance) =>
        (await ViewsAsync(call, catalog, [instance]).ConfigureAwait(false))[0];

    /// <summary>The caller's live instance at a compute path: <c>/compute/i-…</c> or a path chosen at creation.</summary>
    public async Task<Instance?> FindAsync(OcciCall call, string path)
    {
        var id = path["/compute/".Length..];
        if (ResourceIds.IsWellFormed(id, ResourceIds.InstancePrefix))
        {
            var found = await instances.GetAsync(call.Actor, id, call.Cancel).ConfigureAwait(false);
            return found.IsOk && IsLive(found.Value!) ? found.Value : null;
        }

        var chosen = await LiveAsync(call, new InstanceQuery { Owner = call.Actor.UserId, ClientToken = EntityViews.ChosenPathToken + path }).ConfigureAwait(false);
        return chosen.FirstOrDefault();
    }

    /// <summary>Launches one instance from a compute rendering; <paramref name="chosenPath"/> is a PUT's path.</summary>
    public async Task<OcciReply> CreateAsync(OcciCall call, CategoryCatalog catalog, string? chosenPath)
    {
        var (request, problem) = ComputeRequest.Read(call.Message, catalog);
        if (request is null)
        {
            return Replies.BadRequest(problem!);
        }

        var wantsPublic = false;
        var disks = new List<LaunchVolume>();
        var launchTags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in call.Message.Links)
        {
            switch (call.PathOf(link.Target))
            {
                case EntityViews.PrivateNetworkPath: break;
                case EntityViews.PublicNetworkPath when options.HasPublicNetwork: wantsPublic = true; break;
                case { } target when target.StartsWith(StorageViews.StoragePrefix, StringComparison.Ordinal):
                    // GFD.224 §3.5: an inline storage link attaches the storage at launch, at the device it names.
                    if (await storage.FindAsync(call, target).ConfigureAwait(false) is not { } volume)
                    {
                        return Replies.BadRequest($"the link target {link.Target} is none of your storages");
                    }

                    var mountpoint = link.Attributes.LastOrDefault(a => a.Name == "occi.storagelink.mountpoint")?.Value.Text;
                    var device = link.Attributes.LastOrDefault(a => a.Name == "occi.storagelink.deviceid")?.Value.Text;
                    disks.Add(new LaunchVolume(volume.Id, device is { Length: > 0 } ? device : null, mountpoint is { Length: > 0 } ? mountpoint : null));
                    break;
                default: return Replies.BadRequest($"a compute can link to {EntityViews.PrivateNetworkPath}" + (options.HasPublicNetwork ? $" or {EntityViews.PublicNetworkPath}" : "") + $", or to your storages, not {link.Target}");
            }
        }

        var image = request.Image ?? await DefaultImageAsync(call).ConfigureAwait(false);
        if (image is null)
        {
            return Replies.BadRequest("name an os_tpl mixin: this site has no default image (see /-/ for the os_tpl mixins)");
        }

        // Cores and memory without a resource template size the instance by hand (GFD.224 §3.1 attributes).
        var type = request.Type ?? compute.FindType(options.DefaultInstanceType ?? "") ?? compute.InstanceTypes[0];
        (int, long)? customSize = request.Type is null && (request.Cores ?? request.MemoryGiB) is not null
            ? ((int)Math.Round(request.Cores ?? type.Cpus), (long)Math.Round((request.MemoryGiB ?? (type.MemoryMiB / 1024.0)) * 1024))
            : null;

        if (request.Title is { Length: > 0 } title)
        {
            launchTags[EntityViews.TitleTag] = title;
        }

        if (request.Summary is { Length: > 0 } summary)
        {
            launchTags[EntityViews.SummaryTag] = summary;
        }

        var launched = await instances.LaunchAsync(call.Actor, new LaunchRequest(image.Id, type.Name,
            ClientToken: chosenPath is null ? null : EntityViews.ChosenPathToken + chosenPath, UserData: request.UserData,
            Tags: launchTags, Hostname: request.Hostname, PublicKey: request.PublicKey, CustomSize: customSize,
            Volumes: disks.Count > 0 ? disks : null), call.Cancel).ConfigureAwait(false);
        if (!launched.IsOk)
        {
            return Statuses.Refusal(launched);
        }

        var instance = launched.Value!.Instances[0];
        foreach (var mixin in request.UserMixins)
        {
            await collections.ChangeMembersAsync(call.Actor, mixin.Identifier, MemberChange.Add, [instance.Id], call.Cancel).ConfigureAwait(false);
        }

        if (wantsPublic && await AttachPublicAsync(call, instance.Id).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var created = await ViewAsync(call, await CatalogAsync(call.Actor, call.Cancel).ConfigureAwait(false), instance).ConfigureAwait(false);
        return new EntityReply(created, null, 201, created.Location);
    }

    /// <summary>A partial update (POST) or a replacement (PUT): the mutable attributes and mixins given are applied.</summary>
    public async Task<OcciReply> UpdateAsync(OcciCall call, CategoryCatalog catalog, Instance instance)
    {
        var (request, problem) = ComputeRequest.Read(call.Message, catalog);
        if (request is null)
        {
            return Replies.BadRequest(problem!);
        }

        if (request.Image is { } image && image.Id != instance.ImageId)
        {
            return new ErrorReply(409, "the os_tpl of a compute cannot change; create a new compute instead");
        }

        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Title is { } title)
        {
            set[EntityViews.TitleTag] = title;
        }

        if (request.Summary is { } summary)
        {
            set[EntityViews.SummaryTag] = summary;
        }

        if (set.Count > 0 && await tags.ChangeAsync(call.Actor, [instance.Id], TagChange.Setting(set), call.Cancel).ConfigureAwait(false) is { } refusal)
        {
            return Statuses.Refusal(refusal.Status, refusal.Reason);
        }

        if (request.Hostname is { } hostname && Refused(await instances.RenameAsync(call.Actor, instance.Id, hostname, call.Cancel).ConfigureAwait(false)) is { } renameRefused)
        {
            return renameRefused;
        }

        var type = request.Type ?? (request.Cores is null && request.MemoryGiB is null ? null
            : compute.InstanceTypes.FirstOrDefault(t => t.Cpus == (request.Cores ?? instance.Cpus) && Math.Abs(t.MemoryMiB - ((request.MemoryGiB * 1024) ?? instance.MemoryMiB)) < 1));
        if ((request.Cores is not null || request.MemoryGiB is not null) && type is null)
        {
            return Replies.BadRequest("no resource template has exactly those cores and memory; see the resource_tpl mixins at /-/");
        }

        if (type is not null && Refused(await instances.ResizeAsync(call.Actor, instance.Id, type.Name, call.Cancel).ConfigureAwait(false)) is { } resizeRefused)
        {
            return resizeRefused;
        }

        if (request.UserData is { } userData && Refused(await instances.ReplaceUserDataAsync(call.Actor, instance.Id, userData, call.Cancel).ConfigureAwait(false)) is { } dataRefused)
        {
            return dataRefused;
        }

        foreach (var mixin in request.UserMixins)
        {
            await collections.ChangeMembersAsync(call.Actor, mixin.Identifier, MemberChange.Add, [instance.Id], call.Cancel).ConfigureAwait(false);
        }

        var now = await instances.GetAsync(call.Actor, instance.Id, call.Cancel).ConfigureAwait(false);
        return new EntityReply(await ViewAsync(call, await CatalogAsync(call.Actor, call.Cancel).ConfigureAwait(false), now.Value!).ConfigureAwait(false), null);
    }

    /// <summary>Runs a compute action (GFD.224 §3.1.1); null on success.</summary>
    public async Task<ErrorReply?> ActAsync(OcciCall call, Instance instance, CategoryId action)
    {
        if (action == Vocabulary.Save)
        {
            return await SaveAsync(call, instance).ConfigureAwait(false);
        }

        Task<Outcome<Instance>> run = action.Term switch
        {
            _ when action.Scheme != Vocabulary.ComputeActions => Task.FromResult(Outcome<Instance>.Fail(ComputeStatus.InvalidParameter, $"{action} is not an action of compute")),
            "start" when instance.State == InstanceState.Suspended => instances.ResumeAsync(call.Actor, instance.Id, call.Cancel),
            "start" => instances.StartAsync(call.Actor, instance.Id, call.Cancel),
            "stop" => instances.StopAsync(call.Actor, instance.Id, call.Cancel),
            "restart" => instances.RebootAsync(call.Actor, instance.Id, call.Cancel),
            "suspend" => instances.SuspendAsync(call.Actor, instance.Id, call.Cancel),
            _ => Task.FromResult(Outcome<Instance>.Fail(ComputeStatus.InvalidParameter, $"{action} is not an action of compute")),
        };
        return Refused(await run.ConfigureAwait(false));
    }

    // GFD.224 §3.1.1 save: method hot (now) or deferred (once stopped); name names the image, which appears as an os_tpl mixin.
    private async Task<ErrorReply?> SaveAsync(OcciCall call, Instance instance)
    {
        var method = call.Message.Attribute("method")?.Text ?? "hot";
        if (method is not ("hot" or "deferred"))
        {
            return Replies.BadRequest($"the method of save is hot or deferred, not {method}");
        }

        var saved = await instances.SaveDiskAsync(call.Actor, instance.Id, call.Message.Attribute("name")?.Text, method == "deferred", call.Cancel).ConfigureAwait(false);
        return saved.IsOk ? null : Statuses.Refusal(saved);
    }

    public async Task<ErrorReply?> DeleteAsync(OcciCall call, Instance instance)
    {
        var refused = Refused(await instances.TerminateAsync(call.Actor, instance.Id, call.Cancel).ConfigureAwait(false));
        if (refused is null)
        {
            await DetachPublicAsync(call, instance.Id).ConfigureAwait(false);
        }

        return refused;
    }

    /// <summary>Unlinks an instance from the public network: its address is unbound and given back to the pool.</summary>
    public async Task<ErrorReply?> DetachPublicAsync(OcciCall call, string instanceId)
    {
        if ((await addresses.ListAsync(call.Actor, call.Cancel).ConfigureAwait(false)).FirstOrDefault(a => a.InstanceId == instanceId) is not { } address)
        {
            return new ErrorReply(404, $"instance {instanceId} is not linked to the public network");
        }

        await addresses.DisassociateAsync(call.Actor, address.PublicIp, call.Cancel).ConfigureAwait(false);
        await addresses.ReleaseAsync(call.Actor, address.Id, call.Cancel).ConfigureAwait(false);
        return null;
    }

    /// <summary>Links an instance to the public network: a public address is allocated and bound to it.</summary>
    public async Task<ErrorReply?> AttachPublicAsync(OcciCall call, string instanceId)
    {
        if ((await addresses.ListAsync(call.Actor, call.Cancel).ConfigureAwait(false)).Any(a => a.InstanceId == instanceId))
        {
            return new ErrorReply(409, $"instance {instanceId} is linked to the public network already");
        }

        var allocated = await addresses.AllocateAsync(call.Actor, AddressDomains.Standard, call.Cancel).ConfigureAwait(false);
        if (!allocated.IsOk)
        {
            return Statuses.Refusal(allocated);
        }

        var bound = await addresses.AssociateAsync(call.Actor, allocated.Value!.Id, instanceId, call.Cancel).ConfigureAwait(false);
        if (!bound.IsOk)
        {
            await addresses.ReleaseAsync(call.Actor, allocated.Value.Id, call.Cancel).ConfigureAwait(false);
            return Statuses.Refusal(bound);
        }

        return null;
    }

    private static ErrorReply? Refused(Outcome<Instance> outcome) => outcome.IsOk ? null : Statuses.Refusal(outcome);

    private async Task<Image?> DefaultImageAsync(OcciCall call)
    {
        var all = await images.ListAsync(call.Actor, call.Cancel).ConfigureAwait(false);
        return options.DefaultImage is { } chosen
            ? all.FirstOrDefault(i => i.Id == chosen)
            : all.Where(i => i.IsPublic).OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault();
    }
}
