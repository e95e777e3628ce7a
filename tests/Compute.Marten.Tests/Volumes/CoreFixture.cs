using Microsoft.Extensions.Logging.Abstractions;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Tags;
using StandardsCloud.Compute.Volumes;
using StandardsCloud.NodeProtocol;
using StandardsCloud.TestKit;

namespace StandardsCloud.Compute.Marten.Tests.Volumes;

/// <summary>The core's services over the Marten store, with a fake volume backend, as the server composes them.</summary>
public sealed class CoreFixture : IAsyncLifetime
{
    public const string JoinToken = "a-join-token-of-enough-length";
    private readonly StoreFixture _store = new();

    public ComputeOptions Options { get; } = new() { NodeJoinToken = JoinToken, AvailabilityZone = "test-zone-a" };
    public FakeVolumeBackend Backend { get; } = new();
    public CoreSignals Signals { get; } = new();
    public MartenComputeStore Store => _store.Store;
    public VolumeService Volumes { get; private set; } = null!;
    public InstanceService Instances { get; private set; } = null!;
    public HostService Hosts { get; private set; } = null!;
    public ImageService Images { get; private set; } = null!;
    public TagService Tags { get; private set; } = null!;
    public Addresses.AddressService Addresses { get; private set; } = null!;
    public KeyPairs.KeyPairService KeyPairs { get; private set; } = null!;
    public string ImageId { get; private set; } = "";

    public static Actor Admin { get; } = new("admin", IsAdmin: true, Via: "api");

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        var time = TimeProvider.System;
        Images = new ImageService(Store, time);
        Volumes = new VolumeService(Store, Options, time, Signals, Images, Backend, NullLogger<VolumeService>.Instance);
        Instances = new InstanceService(Store, Options, time, Signals, new SecurityGroupService(Store, time), Images, Volumes);
        Hosts = new HostService(Store, Options, time, Signals, Volumes);
        Tags = new TagService(Store, time);
        Addresses = new Addresses.AddressService(Store, Options with { PublicAddresses = PublicPool }, time);
        KeyPairs = new KeyPairs.KeyPairService(Store, time);
        var image = await Images.RegisterAsync(Admin, new ImageRegistration("tiny", "file:///images/tiny.img", new string('a', 40)), default);
        ImageId = image.Value!.Id;
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    /// <summary>The volume service of a second server process: its own store on the same database, its own in-process state.</summary>
    public VolumeService ReplicaVolumes()
    {
        var store = _store.Replica();
        var images = new ImageService(store, TimeProvider.System);
        return new VolumeService(store, Options, TimeProvider.System, new CoreSignals(), images, Backend, NullLogger<VolumeService>.Instance);
    }

    /// <summary>The instance service of a second server process: its own store on the same database, its own in-process state.</summary>
    public InstanceService ReplicaInstances()
    {
        var store = _store.Replica();
        var images = new ImageService(store, TimeProvider.System);
        var volumes = new VolumeService(store, Options, TimeProvider.System, new CoreSignals(), images, Backend, NullLogger<VolumeService>.Instance);
        return new InstanceService(store, Options, TimeProvider.System, new CoreSignals(), new SecurityGroupService(store, TimeProvider.System), images, volumes);
    }

    /// <summary>Another store on the same database, as a second server process opens.</summary>
    public MartenComputeStore ReplicaStore() => _store.Replica();

    private static Addresses.AddressPool PublicPool =>
        Compute.Addresses.AddressPool.TryParse(["198.51.100.0/28"], out var pool, out _) ? pool : Compute.Addresses.AddressPool.Empty;

    /// <summary>A user name no other test uses, so tests of one class never see each other's resources.</summary>
    public static Actor NewUser(string purpose) => new(purpose + "-" + Guid.NewGuid().ToString("N")[..8], IsAdmin: false, Via: "api");

    public async Task<Instance> LaunchAsync(Actor actor, LaunchRequest? request = null)
    {
        var launched = await Instances.LaunchAsync(actor, request ?? new LaunchRequest(ImageId, "t1.micro"), default);
        Assert.True(launched.IsOk, launched.Reason);
        return launched.Value!.Instances[0];
    }

    /// <summary>A host of its own that has joined, with the scheduler's choice written for <paramref name="instance"/> and the instance running.</summary>
    public async Task<Host> PlaceRunningAsync(Instance instance)
    {
        var registered = await Hosts.RegisterAsync(new RegisterRequest("node-" + Guid.NewGuid().ToString("N")[..8], JoinToken, NodeApi.Version, new HostCapacity(64, 65536), "test:///default"), default);
        Assert.True(registered.IsOk, registered.Reason);
        var host = (await Hosts.AuthenticateAsync(registered.Value!.NodeToken, default))!;
        var ctx = new EventContext("scheduler", "core", DateTimeOffset.UtcNow);
        await using (var session = Store.OpenSession())
        {
            session.AppendInstance(instance.Id, instance.Version,
            [
                new InstancePlaced(ctx, host.Id),
                new InstanceTransitioned(ctx, InstanceState.Pending, InstanceState.Prolog, "placed"),
                new InstanceTransitioned(ctx, InstanceState.Prolog, InstanceState.Running, null),
            ]);
            Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
        }

        return host;
    }

    /// <summary>One sync of <paramref name="host"/> reporting <paramref name="domains"/>; answers the desired state.</summary>
    public Task<SyncResponse> SyncAsync(Host host, params DomainReport[] domains) =>
        Hosts.SyncAsync(host, new SyncRequest("", Wait: false, new HostCapacity(64, 65536), domains), default);
}
