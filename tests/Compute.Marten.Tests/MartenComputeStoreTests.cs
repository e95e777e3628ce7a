using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Marten.Tests;

public sealed class MartenComputeStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly EventContext Ctx = new("alice", "api", DateTimeOffset.UnixEpoch);

    private static InstanceRequested Requested(string owner = "alice", int cpus = 1, long memory = 512, string? token = null) =>
        new(Ctx, ResourceIds.NewInstanceId(), owner, ResourceIds.NewReservationId(), 0, "ami-0123456789abcdef0", "t1.micro", cpus, memory, token, null);

    private async Task<string> StartAsync(InstanceRequested requested)
    {
        await using var session = fixture.Store.OpenSession();
        session.StartInstance(requested);
        Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
        return requested.InstanceId;
    }

    [Fact]
    public async Task StartInstance_ThenFind_ProjectedPendingAtVersionOne()
    {
        var id = await StartAsync(Requested());
        await using var session = fixture.Store.OpenSession();
        var instance = await session.FindInstanceAsync(id, default);
        Assert.NotNull(instance);
        Assert.Equal(InstanceState.Pending, instance.State);
        Assert.Equal(1, instance.Version);
    }

    [Fact]
    public async Task AppendInstance_StaleVersion_ConflictAndNothingWritten()
    {
        var id = await StartAsync(Requested());
        await using (var first = fixture.Store.OpenSession())
        {
            first.AppendInstance(id, 1, [new InstancePlaced(Ctx, "host-a"), new InstanceTransitioned(Ctx, InstanceState.Pending, InstanceState.Prolog, null)]);
            Assert.Equal(ComputeStatus.Ok, await first.SaveAsync(default));
        }

        await using (var late = fixture.Store.OpenSession())
        {
            late.AppendInstance(id, 1, [new InstanceTransitioned(Ctx, InstanceState.Pending, InstanceState.Done, "terminated")]);
            Assert.Equal(ComputeStatus.Conflict, await late.SaveAsync(default));
        }

        await using var check = fixture.Store.OpenSession();
        var instance = (await check.FindInstanceAsync(id, default))!;
        Assert.Equal(InstanceState.Prolog, instance.State);
        Assert.Equal("host-a", instance.HostId);
        Assert.Equal(3, instance.Version);
    }

    [Fact]
    public async Task History_InOrderWithActorViaAndDescription()
    {
        var id = await StartAsync(Requested());
        await using (var session = fixture.Store.OpenSession())
        {
            session.AppendInstance(id, 1, [new InstancePlaced(new EventContext("scheduler", "core", DateTimeOffset.UnixEpoch), "host-b")]);
            await session.SaveAsync(default);
        }

        await using var read = fixture.Store.OpenSession();
        var history = await read.HistoryAsync(id, default);
        Assert.Equal([1L, 2L], history.Select(h => h.Version));
        Assert.Equal("alice", history[0].Actor);
        Assert.Equal("scheduler", history[1].Actor);
        Assert.Equal("core", history[1].Via);
        Assert.Equal("placed on host host-b", history[1].Description);
    }

    [Fact]
    public async Task UsageOf_CountsOnlyLiveInstancesOfThatOwner()
    {
        var owner = "usage-" + Guid.NewGuid().ToString("N")[..8];
        await StartAsync(Requested(owner, cpus: 2, memory: 1024));
        var finished = await StartAsync(Requested(owner, cpus: 4, memory: 4096));
        await StartAsync(Requested("someone-else", cpus: 8, memory: 8192));
        await using (var session = fixture.Store.OpenSession())
        {
            session.AppendInstance(finished, 1, [new InstanceTransitioned(Ctx, InstanceState.Pending, InstanceState.Done, "terminated")]);
            await session.SaveAsync(default);
        }

        await using var read = fixture.Store.OpenSession();
        Assert.Equal(new Usage(1, 2, 1024), await read.UsageOfAsync(owner, default));
    }

    [Fact]
    public async Task ListInstances_ByOwnerStateAndClientToken_Filtered()
    {
        var owner = "list-" + Guid.NewGuid().ToString("N")[..8];
        var tokened = await StartAsync(Requested(owner, token: "tok-1"));
        await StartAsync(Requested(owner));
        await using var read = fixture.Store.OpenSession();

        Assert.Equal(2, (await read.ListInstancesAsync(new InstanceQuery { Owner = owner }, default)).Count);
        Assert.Equal(tokened, Assert.Single(await read.ListInstancesAsync(new InstanceQuery { Owner = owner, ClientToken = "tok-1" }, default)).Id);
        Assert.Empty(await read.ListInstancesAsync(new InstanceQuery { Owner = owner, States = [InstanceState.Running] }, default));
        Assert.Empty(await read.ListInstancesAsync(new InstanceQuery { Owner = owner, HoldingHostOnly = true }, default));
    }
}
