using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Marten.Tests.Volumes;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Marten.Tests.Hosts;

/// <summary>
/// Syncs without a report (a node's long-poll): answered "unchanged" without reading the host's
/// instances while nothing its desired state is made of has changed, and read afresh as soon as
/// anything has, whichever process changed it.
/// </summary>
public sealed class HeartbeatTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task NothingChanged_AnsweredUnchanged_AndInFullToAHostThatKnowsAnotherState()
    {
        var (host, _) = await RunningOnItsOwnHostAsync();
        var first = await HeartbeatAsync(host, known: "");
        Assert.False(first.Unchanged);
        Assert.Single(first.Domains);

        var second = await HeartbeatAsync(host, first.DesiredHash);
        Assert.True(second.Unchanged);
        Assert.Empty(second.Domains);
        Assert.Equal(first.DesiredHash, second.DesiredHash);

        var third = await HeartbeatAsync(host, known: "a state this core never answered");
        Assert.False(third.Unchanged);
        Assert.Equal(first.DesiredHash, third.DesiredHash);
        Assert.Single(third.Domains);
    }

    [Fact]
    public async Task InstanceRenamedByAnotherProcess_SeenAtTheNextHeartbeat()
    {
        var (host, instance) = await RunningOnItsOwnHostAsync();
        var known = (await HeartbeatAsync(host, known: "")).DesiredHash;
        Assert.True((await HeartbeatAsync(host, known)).Unchanged);

        // Another server process: no signal of this one hears of the change.
        Assert.True((await core.ReplicaInstances().RenameAsync(OwnerOf(instance), instance.Id, "db", default)).IsOk);

        var after = await HeartbeatAsync(host, known);
        Assert.False(after.Unchanged);
        Assert.NotEqual(known, after.DesiredHash);
        Assert.Equal("db", Assert.Single(after.Domains).Context!.Hostname);
    }

    [Fact]
    public async Task AddressAssociated_AnotherKindOfDocument_SeenAtTheNextHeartbeat()
    {
        var (host, instance) = await RunningOnItsOwnHostAsync();
        var known = (await HeartbeatAsync(host, known: "")).DesiredHash;
        Assert.True((await HeartbeatAsync(host, known)).Unchanged);

        var owner = OwnerOf(instance);
        var address = (await core.Addresses.AllocateAsync(owner, "standard", default)).Value!;
        Assert.True((await core.Addresses.AssociateAsync(owner, address.Id, instance.Id, default)).IsOk);

        var after = await HeartbeatAsync(host, known);
        Assert.False(after.Unchanged);
        Assert.Equal(address.PublicIp, Assert.Single(after.Domains).Context!.PublicAddress);
    }

    [Fact]
    public async Task Stamp_MovesWithTheHostsOwnInstances_NotWithAnotherHosts()
    {
        var (hostA, onA) = await RunningOnItsOwnHostAsync();
        var (_, onB) = await RunningOnItsOwnHostAsync();
        var before = await StampAsync(hostA.Id);

        Assert.True((await core.Instances.RenameAsync(OwnerOf(onB), onB.Id, "elsewhere", default)).IsOk);
        Assert.Equal(before, await StampAsync(hostA.Id));

        Assert.True((await core.Instances.RenameAsync(OwnerOf(onA), onA.Id, "here", default)).IsOk);
        Assert.NotEqual(before, await StampAsync(hostA.Id));
    }

    private async Task<(Host Host, Instance Instance)> RunningOnItsOwnHostAsync()
    {
        var instance = await core.LaunchAsync(CoreFixture.NewUser("heartbeat"));
        return (await core.PlaceRunningAsync(instance), instance);
    }

    private static Actor OwnerOf(Instance instance) => new(instance.Owner, IsAdmin: false, Via: "api");

    private Task<SyncResponse> HeartbeatAsync(Host host, string known) =>
        core.Hosts.SyncAsync(host, new SyncRequest(known, Wait: false, new HostCapacity(64, 65536), Domains: null), default);

    private async Task<string> StampAsync(string hostId)
    {
        await using var session = core.Store.OpenSession();
        return await session.HostInputsStampAsync(hostId, default);
    }
}
