using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>How volumes look as OCCI storage resources, and their attachments as storage links (GFD.224 §3.3, §3.5).</summary>
public static class StorageViews
{
    public const string StoragePrefix = "/storage/";
    public const string LinkPrefix = "/link/storagelink/";

    public static string LocationOf(Volume volume) =>
        volume.ClientToken is { } token && token.StartsWith(EntityViews.ChosenPathToken + StoragePrefix, StringComparison.Ordinal)
            ? token[EntityViews.ChosenPathToken.Length..]
            : StoragePrefix + volume.Id;

    /// <summary>Once deleted (deleting or gone) a volume is no longer a storage resource.</summary>
    public static bool IsLive(Volume volume) => volume.State is not (VolumeState.Deleting or VolumeState.Deleted);

    /// <summary>A storage reduced to its identity and location: all a text listing shows of it.</summary>
    public static ResourceView Located(Volume volume) => new(volume.Id, LocationOf(volume), Vocabulary.Storage, [], [], [], []);

    /// <summary>A storage with the links to the computes it is attached to; <paramref name="computes"/> holds those the caller sees, by id.</summary>
    public static ResourceView Storage(Volume volume, IReadOnlyDictionary<string, Instance> computes)
    {
        var location = LocationOf(volume);
        var (state, message) = StateOf(volume);
        var links = volume.Attachments
            .Where(a => computes.ContainsKey(a.InstanceId))
            .Select(a => Link(volume, a, EntityViews.LocationOf(computes[a.InstanceId])))
            .ToList();
        // GFD.224 §3.3.1: only the actions that do something in this state are offered.
        List<ActionLink> actions = [];
        if (volume.Offline)
        {
            actions.Add(new(Vocabulary.StorageOnline, $"{location}?action=online"));
        }
        else if (state == "online" && volume.Attachments.Count == 0)
        {
            actions.Add(new(Vocabulary.StorageOffline, $"{location}?action=offline"));
        }

        if (volume.Offline || state == "online")
        {
            actions.Add(new(Vocabulary.StorageSnapshot, $"{location}?action=snapshot"));
        }
        return new ResourceView(volume.Id, location, Vocabulary.Storage, [],
        [
            new("occi.storage.size", OcciValue.Of(volume.SizeGiB)),
            new("occi.storage.state", OcciValue.Of(state)),
            new("occi.storage.state.message", OcciValue.Of(message)),
        ], actions, links, volume.Name, volume.Description);
    }

    /// <summary>One attachment as a storage link from the compute at <paramref name="computeLocation"/> to the volume.</summary>
    public static LinkView Link(Volume volume, VolumeAttachment attachment, string computeLocation)
    {
        var id = LinkId(volume.Id, attachment.InstanceId);
        var (state, message) = attachment.State switch
        {
            AttachmentState.Attached => ("active", "attached"),
            AttachmentState.Attaching => ("inactive", "attaching"),
            _ => ("inactive", "detaching"),
        };
        var attributes = new List<OcciAttribute>
        {
            new("occi.storagelink.deviceid", OcciValue.Of(attachment.Target.Length > 0 ? "/dev/" + attachment.Target : attachment.Device)),
        };
        if (attachment.MountPoint is { } mountpoint)
        {
            attributes.Add(new("occi.storagelink.mountpoint", OcciValue.Of(mountpoint)));
        }

        attributes.Add(new("occi.storagelink.state", OcciValue.Of(state)));
        attributes.Add(new("occi.storagelink.state.message", OcciValue.Of(message)));
        return new LinkView(id, LinkPrefix + id, Vocabulary.StorageLink, [], attributes, [],
            new KindedUri(computeLocation, Vocabulary.Compute), new KindedUri(LocationOf(volume), Vocabulary.Storage));
    }

    /// <summary>Link identifiers name the volume and the instance: <c>vol-…_i-…</c>.</summary>
    public static string LinkId(string volumeId, string instanceId) => volumeId + "_" + instanceId;

    public static (string VolumeId, string InstanceId)? ParseLinkId(string id)
    {
        var underscore = id.IndexOf('_', StringComparison.Ordinal);
        return underscore <= 0 || underscore == id.Length - 1 ? null : (id[..underscore], id[(underscore + 1)..]);
    }

    // GFD.224 §3.3: online, offline or error; the core's own state is the message.
    public static (string State, string Message) StateOf(Volume volume) => volume.State switch
    {
        VolumeState.Available when volume.Offline => ("offline", "taken offline by its owner"),
        VolumeState.Available => ("online", "available"),
        VolumeState.InUse => ("online", "in-use"),
        VolumeState.Error => ("error", "error: " + (volume.StateReason ?? "unknown reason")),
        var other => ("offline", other.ToString().ToLowerInvariant() + (volume.StateReason is { } why ? ": " + why : "")),
    };
}
