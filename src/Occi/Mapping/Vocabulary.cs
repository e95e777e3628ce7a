using StandardsCloud.Occi.Wire;


namespace StandardsCloud.Occi.Mapping;

/// <summary>The categories every OCCI service offers: OCCI Core (GFD.221) and Infrastructure (GFD.224), with 1.1's extras.</summary>
public static class Vocabulary
{
    public const string Core = "http://schemas.ogf.org/occi/core#";
    public const string Infrastructure = "http://schemas.ogf.org/occi/infrastructure#";
    public const string ComputeActions = "http://schemas.ogf.org/occi/infrastructure/compute/action#";
    public const string NetworkActions = "http://schemas.ogf.org/occi/infrastructure/network/action#";
    public const string StorageActions = "http://schemas.ogf.org/occi/infrastructure/storage/action#";
    public const string NetworkMixins = "http://schemas.ogf.org/occi/infrastructure/network#";
    public const string NetworkInterfaceMixins = "http://schemas.ogf.org/occi/infrastructure/networkinterface#";
    public const string Credentials = "http://schemas.ogf.org/occi/infrastructure/credentials#";
    public const string ComputeMixins = "http://schemas.ogf.org/occi/infrastructure/compute#";
    public const string OpenStackCredentials = "http://schemas.openstack.org/instance/credentials#";
    public const string OpenStackInstance = "http://schemas.openstack.org/compute/instance#";

    public static readonly CategoryId Entity = new(Core, "entity");
    public static readonly CategoryId Resource = new(Core, "resource");
    public static readonly CategoryId Link = new(Core, "link");
    public static readonly CategoryId Compute = new(Infrastructure, "compute");
    public static readonly CategoryId Storage = new(Infrastructure, "storage");
    public static readonly CategoryId Network = new(Infrastructure, "network");
    public static readonly CategoryId NetworkInterface = new(Infrastructure, "networkinterface");
    public static readonly CategoryId StorageLink = new(Infrastructure, "storagelink");

    public static readonly CategoryId OsTemplate = new(Infrastructure, "os_tpl");
    public static readonly CategoryId ResourceTemplate = new(Infrastructure, "resource_tpl");
    public static readonly CategoryId IpNetwork = new(NetworkMixins, "ipnetwork");
    public static readonly CategoryId IpNetworkInterface = new(NetworkInterfaceMixins, "ipnetworkinterface");
    public static readonly CategoryId SshKey = new(Credentials, "ssh_key");
    public static readonly CategoryId UserData = new(ComputeMixins, "user_data");
    public static readonly CategoryId OpenStackPublicKey = new(OpenStackCredentials, "public_key");
    public static readonly CategoryId OpenStackUserData = new(OpenStackInstance, "user_data");

    public static readonly CategoryId Start = new(ComputeActions, "start");
    public static readonly CategoryId Stop = new(ComputeActions, "stop");
    public static readonly CategoryId Restart = new(ComputeActions, "restart");
    public static readonly CategoryId Suspend = new(ComputeActions, "suspend");
    public static readonly CategoryId Save = new(ComputeActions, "save");
    public static readonly CategoryId StorageOnline = new(StorageActions, "online");
    public static readonly CategoryId StorageOffline = new(StorageActions, "offline");
    public static readonly CategoryId StorageBackup = new(StorageActions, "backup");
    public static readonly CategoryId StorageSnapshot = new(StorageActions, "snapshot");
    public static readonly CategoryId StorageResize = new(StorageActions, "resize");

    public const string SshKeyAttribute = "occi.credentials.ssh.publickey";
    public const string UserDataAttribute = "occi.compute.userdata";
    public const string OpenStackKeyAttribute = "org.openstack.credentials.publickey.data";
    public const string OpenStackKeyNameAttribute = "org.openstack.credentials.publickey.name";
    public const string OpenStackUserDataAttribute = "org.openstack.compute.user_data";

    private static readonly AttributeDefinition[] EntityAttributes =
    [
        new("occi.core.id", Mutable: false, Description: "identifier of the entity"),
        new("occi.core.title", Description: "display name of the entity"),
    ];

    private static readonly AttributeDefinition[] ResourceAttributes = [.. EntityAttributes, new("occi.core.summary", Description: "summary of the resource")];

    private static readonly AttributeDefinition[] LinkAttributes =
    [
        .. EntityAttributes,
        new("occi.core.source", Required: true, Description: "location of the resource the link starts from"),
        new("occi.core.target", Required: true, Description: "location of the resource the link points to"),
    ];

    private static AttributeDefinition Method(string fallback, string choices) =>
        new("method", Default: OcciValue.Of(fallback), Description: "one of: " + choices);

    /// <summary>Actions (GFD.224 §3.1.1, §3.2.1, §3.3.1; backup, snapshot and resize as OCCI 1.1 declared them).</summary>
    public static IReadOnlyList<ActionDefinition> Actions { get; } =
    [
        new(Start, "Start the compute resource", []),
        new(Stop, "Stop the compute resource", [Method("graceful", "graceful, acpioff, poweroff")]),
        new(Restart, "Restart the compute resource", [Method("graceful", "graceful, warm, cold")]),
        new(Suspend, "Suspend the compute resource", [Method("suspend", "hibernate, suspend")]),
        new(Save, "Save the compute resource's disk as an image", [Method("hot", "hot, deferred"), new("name", Description: "name of the new image")]),
        new(new(NetworkActions, "up"), "Bring the network up", []),
        new(new(NetworkActions, "down"), "Take the network down", []),
        new(StorageOnline, "Bring the storage online", []),
        new(StorageOffline, "Take the storage offline", []),
        new(StorageBackup, "Back the storage up", []),
        new(StorageSnapshot, "Snapshot the storage", []),
        new(StorageResize, "Resize the storage", [new("size", AttributeType.Number, Description: "new size in GiB")]),
    ];

    private static List<CategoryId> ActionsOf(string scheme) => [.. Actions.Where(a => a.Id.Scheme == scheme).Select(a => a.Id)];

    /// <summary>Kinds (GFD.221 §4.5, GFD.224 §3); entity, resource and link cannot be instantiated, so they have no location.</summary>
    public static IReadOnlyList<Kind> Kinds { get; } =
    [
        new(Entity, "Entity", null, null, EntityAttributes, []),
        new(Resource, "Resource", Entity, null, ResourceAttributes, []),
        new(Link, "Link", Entity, null, LinkAttributes, []),
        new(Compute, "Compute Resource", Resource, "/compute/",
        [
            .. ResourceAttributes,
            new("occi.compute.architecture", Description: "CPU architecture: x86 or x64"),
            new("occi.compute.cores", AttributeType.Number, Description: "number of virtual CPU cores"),
            new("occi.compute.hostname", Description: "host name of the instance"),
            new("occi.compute.share", AttributeType.Number, Description: "relative share of CPU"),
            new("occi.compute.speed", AttributeType.Number, Description: "CPU clock in GHz"),
            new("occi.compute.memory", AttributeType.Number, Description: "memory in GiB"),
            new("occi.compute.state", Mutable: false, Default: OcciValue.Of("inactive"), Description: "active, inactive, suspended or error"),
            new("occi.compute.state.message", Mutable: false, Description: "why the instance is in its state"),
        ], ActionsOf(ComputeActions)),
        new(Storage, "Storage Resource", Resource, "/storage/",
        [
            .. ResourceAttributes,
            new("occi.storage.size", AttributeType.Number, Required: true, Description: "size in GiB"),
            new("occi.storage.state", Mutable: false, Default: OcciValue.Of("offline"), Description: "online, offline or error"),
            new("occi.storage.state.message", Mutable: false, Description: "why the storage is in its state"),
        ], ActionsOf(StorageActions)),
        new(Network, "Network Resource", Resource, "/network/",
        [
            .. ResourceAttributes,
            new("occi.network.vlan", AttributeType.Number, Description: "802.1q VLAN identifier"),
            new("occi.network.label", Description: "tag of the network"),
            new("occi.network.state", Mutable: false, Default: OcciValue.Of("inactive"), Description: "active, inactive or error"),
            new("occi.network.state.message", Mutable: false, Description: "why the network is in its state"),
        ], ActionsOf(NetworkActions)),
        new(NetworkInterface, "Network Interface Link", Link, "/link/networkinterface/",
        [
            .. LinkAttributes,
            new("occi.networkinterface.interface", Mutable: false, Description: "interface name in the guest"),
            new("occi.networkinterface.mac", Description: "MAC address"),
            new("occi.networkinterface.state", Mutable: false, Default: OcciValue.Of("inactive"), Description: "active, inactive or error"),
            new("occi.networkinterface.state.message", Mutable: false, Description: "why the interface is in its state"),
        ], []),
        new(StorageLink, "Storage Link", Link, "/link/storagelink/",
        [
            .. LinkAttributes,
            new("occi.storagelink.deviceid", Description: "device the storage appears as in the guest, such as /dev/vdb"),
            new("occi.storagelink.mountpoint", Description: "where the guest mounts it"),
            new("occi.storagelink.state", Mutable: false, Default: OcciValue.Of("inactive"), Description: "active, inactive or error"),
            new("occi.storagelink.state.message", Mutable: false, Description: "why the link is in its state"),
        ], []),
    ];

    /// <summary>Mixins every site has (GFD.224 §3.4, §3.5; OpenStack's contextualisation for older clients).</summary>
    public static IReadOnlyList<Mixin> Mixins { get; } =
    [
        new(IpNetwork, "IP Network", "/mixin/ipnetwork/",
        [
            new("occi.network.address", Description: "address range in CIDR notation"),
            new("occi.network.gateway", Description: "gateway address"),
            new("occi.network.allocation", Description: "dynamic or static"),
        ], [], [Network], []),
        new(IpNetworkInterface, "IP Network Interface", "/mixin/ipnetworkinterface/",
        [
            new("occi.networkinterface.address", Description: "address of the interface"),
            new("occi.networkinterface.gateway", Description: "gateway address"),
            new("occi.networkinterface.allocation", Description: "dynamic or static"),
        ], [], [NetworkInterface], []),
        new(OsTemplate, "Operating system template", "/mixin/os_tpl/", [], [], [Compute], []),
        new(ResourceTemplate, "Resource template", "/mixin/resource_tpl/", [], [], [Compute], []),
        new(SshKey, "SSH public key credentials", "/mixin/ssh_key/",
            [new(SshKeyAttribute, Description: "OpenSSH public key the instance accepts")], [], [Compute], []),
        new(UserData, "Contextualisation data", "/mixin/user_data/",
            [new(UserDataAttribute, Description: "user data for the guest, base64 or plain, at most 16 KiB")], [], [Compute], []),
        new(OpenStackPublicKey, "SSH public key (OpenStack)", "/mixin/public_key/",
        [
            new(OpenStackKeyNameAttribute, Description: "name of the key"),
            new(OpenStackKeyAttribute, Description: "OpenSSH public key the instance accepts"),
        ], [], [Compute], []),
        new(OpenStackUserData, "User data (OpenStack)", "/mixin/openstack_user_data/",
            [new(OpenStackUserDataAttribute, Description: "base64 user data for the guest")], [], [Compute], []),
    ];
}
