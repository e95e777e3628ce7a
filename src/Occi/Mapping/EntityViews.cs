using System.Net;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Mapping;

/// <summary>How instances and the site's networks look as OCCI resources and links (GFD.224 §3).</summary>
public sealed class EntityViews(OcciOptions options)
{
    public const string PrivateNetworkPath = "/network/private";
    public const string PublicNetworkPath = "/network/public";
    public const string TitleTag = "Name";
    public const string SummaryTag = "Summary";

    /// <summary>Client-chosen locations (PUT) are kept as the instance's client token behind this prefix.</summary>
    public const string ChosenPathToken = "occi:";

    public static string LocationOf(Instance instance) => LocationOf(instance.Id, instance.ClientToken);

    private static string LocationOf(string id, string? clientToken) =>
        clientToken is { } token && token.StartsWith(ChosenPathToken + "/compute/", StringComparison.Ordinal)
            ? token[ChosenPathToken.Length..]
            : "/compute/" + id;

    /// <summary>A compute reduced to its identity and location: all a collection shows of it in text and URI lists.</summary>
    public static ResourceView Located(InstanceHandle instance) => new(instance.Id, LocationOf(instance.Id, instance.ClientToken), Vocabulary.Compute, [], [], [], []);

    /// <summary>A compute with its network interfaces and the storage links of the volumes attached to it.</summary>
    public ResourceView Compute(InstanceOutline instance, CategoryCatalog catalog, PublicAddress? address, int hostMhz, IEnumerable<(Volume Volume, VolumeAttachment Attachment)> disks)
    {
        var location = LocationOf(instance.Id, instance.ClientToken);
        var mixins = new List<CategoryId>(4) { catalog.OsTemplateOf(instance.ImageId), catalog.ResourceTemplateOf(instance.InstanceType) };
        var attributes = new List<OcciAttribute>(8)
        {
            Architecture,
            new("occi.compute.cores", OcciValue.Of(instance.Cpus)),
            new("occi.compute.memory", OcciValue.Of(Math.Round(instance.MemoryMiB / 1024.0, 3))),
        };
        if (hostMhz > 0)
        {
            attributes.Add(new("occi.compute.speed", OcciValue.Of(Math.Round(hostMhz / 1000.0, 3))));
        }

        if (instance.Hostname is { } hostname)
        {
            attributes.Add(new("occi.compute.hostname", OcciValue.Of(hostname)));
        }

        var (state, message) = StateOf(instance);
        attributes.Add(new("occi.compute.state", OcciValue.Of(state)));
        attributes.Add(new("occi.compute.state.message", OcciValue.Of(message)));
        if (instance.PublicKey is { } key)
        {
            mixins.Add(Vocabulary.SshKey);
            attributes.Add(new(Vocabulary.SshKeyAttribute, OcciValue.Of(key)));
        }

        if (instance.UserData is { } userData)
        {
            mixins.Add(Vocabulary.UserData);
            attributes.Add(new(Vocabulary.UserDataAttribute, OcciValue.Of(userData)));
        }

        mixins.AddRange(catalog.MixinsOf(instance.Id));
        var links = new List<LinkView>();
        if (instance.PrivateAddress is { } privateAddress)
        {
            links.Add(Interface(instance, location, "private", PrivateNetwork, privateAddress, "dynamic", state == "active"));
        }

        if (address is { } bound)
        {
            links.Add(Interface(instance, location, "public", PublicNetwork, bound.PublicIp, "static", state == "active"));
        }

        links.AddRange(disks.Select(d => StorageViews.Link(d.Volume, d.Attachment, location)));

        return new ResourceView(instance.Id, location, Vocabulary.Compute, mixins, attributes, ActionsOf(instance.State, location), links,
            instance.Tags.GetValueOrDefault(TitleTag), instance.Tags.GetValueOrDefault(SummaryTag));
    }

    /// <summary>The site's networks: the private one always, the public one when the site has a pool.</summary>
    public IReadOnlyList<ResourceView> Networks()
    {
        var networks = new List<ResourceView>
        {
            Network("private", "the site's private network: every instance has an address on it",
                [new("occi.network.address", OcciValue.Of(options.PrivateSubnet)), new("occi.network.allocation", OcciValue.Of("dynamic"))]),
        };
        if (options.HasPublicNetwork)
        {
            networks.Add(Network("public", "the site's public addresses, given to instances one at a time",
                [new("occi.network.allocation", OcciValue.Of("static"))]));
        }

        return networks;
    }

    /// <summary>Link identifiers name the instance and the network: <c>i-…_private</c>.</summary>
    public static (string InstanceId, string Network)? ParseInterfaceId(string id)
    {
        var underscore = id.LastIndexOf('_');
        return underscore <= 0 ? null : (id[..underscore], id[(underscore + 1)..]);
    }

    // GFD.224 §3.1: active, inactive, suspended or error; the core's own state is the message.
    public static (string State, string Message) StateOf(InstanceOutline instance) => instance.State switch
    {
        InstanceState.Running => ("active", "running"),
        InstanceState.Suspended => ("suspended", "suspended"),
        InstanceState.Failed => ("error", "failed: " + (instance.StateReason ?? "unknown reason")),
        InstanceState.Unknown => ("error", "its host does not answer"),
        var other => ("inactive", other.ToString().ToLowerInvariant() + (instance.StateReason is { } why ? ": " + why : "")),
    };

    private static List<ActionLink> ActionsOf(InstanceState state, string location)
    {
        CategoryId[] offered = state switch
        {
            InstanceState.Running => RunningActions,
            InstanceState.Stopped => StoppedActions,
            InstanceState.Suspended => SuspendedActions,
            InstanceState.Unknown => UnknownActions,
            _ => [],
        };
        var actions = new List<ActionLink>(offered.Length);
        foreach (var action in offered)
        {
            actions.Add(new ActionLink(action, location + "?action=" + action.Term));
        }

        return actions;
    }

    private static readonly CategoryId[] RunningActions = [Vocabulary.Stop, Vocabulary.Restart, Vocabulary.Suspend];
    private static readonly CategoryId[] StoppedActions = [Vocabulary.Start];
    private static readonly CategoryId[] SuspendedActions = [Vocabulary.Start, Vocabulary.Stop];
    private static readonly CategoryId[] UnknownActions = [Vocabulary.Stop];
    private static readonly OcciAttribute Architecture = new("occi.compute.architecture", OcciValue.Of("x64"));
    private static readonly IReadOnlyList<CategoryId> IpInterfaceMixins = [Vocabulary.IpNetworkInterface];
    private static readonly KindedUri PrivateNetwork = new(PrivateNetworkPath, Vocabulary.Network);
    private static readonly KindedUri PublicNetwork = new(PublicNetworkPath, Vocabulary.Network);
    private static readonly OcciAttribute Eth0 = new("occi.networkinterface.interface", OcciValue.Of("eth0"));

    private static LinkView Interface(InstanceOutline instance, string source, string network, KindedUri target, string address, string allocation, bool active)
    {
        var id = instance.Id + "_" + network;
        return new(id, "/link/networkinterface/" + id, Vocabulary.NetworkInterface, IpInterfaceMixins,
        [
            Eth0,
            new("occi.networkinterface.mac", OcciValue.Of(MacOf(instance.PrivateAddress ?? address))),
            new("occi.networkinterface.state", OcciValue.Of(active ? "active" : "inactive")),
            new("occi.networkinterface.address", OcciValue.Of(address)),
            new("occi.networkinterface.allocation", OcciValue.Of(allocation)),
        ], [], new KindedUri(source, Vocabulary.Compute), target);
    }

    // A locally administered MAC made from the private address, so it is stable and unique on the site network.
    private static string MacOf(string ip)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!IPAddress.TryParse(ip, out var parsed) || !parsed.TryWriteBytes(bytes, out var written))
        {
            return "02:00:00:00:00:00";
        }

        return string.Create(5 + (3 * written), parsed, static (mac, address) =>
        {
            Span<byte> octets = stackalloc byte[16];
            address.TryWriteBytes(octets, out var count);
            "02:00".CopyTo(mac);
            for (var i = 0; i < count; i++)
            {
                mac[5 + (3 * i)] = ':';
                octets[i].TryFormat(mac[(6 + (3 * i))..], out _, "x2", System.Globalization.CultureInfo.InvariantCulture);
            }
        });
    }

    private static ResourceView Network(string name, string summary, List<OcciAttribute> address) =>
        new(name, "/network/" + name, Vocabulary.Network, [Vocabulary.IpNetwork],
            [new("occi.network.label", OcciValue.Of(name)), new("occi.network.state", OcciValue.Of("active")), .. address],
            [], [], name, summary);
}
