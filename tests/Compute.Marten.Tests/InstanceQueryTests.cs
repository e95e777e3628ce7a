using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Marten.Tests;

/// <summary>The listing filters the store applies itself, checked against a handful of instances.</summary>
public sealed class InstanceQueryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly EventContext Ctx = new("bob", "api", DateTimeOffset.UnixEpoch);

    private async Task<string> StartAsync(string type, string? key, Dictionary<string, string> tags, int minute, string owner = "bob", string? clientToken = null)
    {
        var requested = new InstanceRequested(Ctx with { At = DateTimeOffset.UnixEpoch.AddMinutes(minute) }, ResourceIds.NewInstanceId(), owner,
            ResourceIds.NewReservationId(), 0, "ami-0123456789abcdef0", type, 1, 512, clientToken, null, key,
            new LaunchContext(null, [], null, Tags: tags));
        await using var session = fixture.Store.OpenSession();
        session.StartInstance(requested);
        Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
        return requested.InstanceId;
    }

    [Fact]
    public async Task ListInstances_FieldAndTagFilters_OnlyMatchesInRequestOrder()
    {
        var a = await StartAsync("t1.micro", "k1", new() { ["env"] = "prod", ["team"] = "x" }, 1);
        var b = await StartAsync("m1.small", "k1", new() { ["env"] = "test" }, 2);
        var c = await StartAsync("t1.micro", null, new() { ["team"] = "y" }, 3);
        await using var session = fixture.Store.OpenSession();
        async Task<IEnumerable<string>> Ids(InstanceQuery q) => (await session.ListInstancesAsync(q with { Owner = "bob" }, default)).Select(i => i.Id);

        Assert.Equal([a, c], await Ids(new InstanceQuery { InstanceTypes = ["t1.micro"] }));
        Assert.Equal([a, b], await Ids(new InstanceQuery { KeyNames = ["k1"] }));
        Assert.Equal([b], await Ids(new InstanceQuery { Tags = [("env", ["test", "dev"])] }));
        Assert.Equal([a, c], await Ids(new InstanceQuery { Tags = [("team", [])] }));
        Assert.Equal([c], await Ids(new InstanceQuery { Ids = [b, c], InstanceTypes = ["t1.micro"] }));
        Assert.Equal([b], await Ids(new InstanceQuery { Skip = 1, Limit = 1 }));
    }

    [Fact]
    public async Task ListInstances_HostStateGroupTokenImageReservationAndAddressFilters_OnlyMatches()
    {
        var requested = new InstanceRequested(Ctx with { At = DateTimeOffset.UnixEpoch.AddMinutes(40) }, ResourceIds.NewInstanceId(), "ivy",
            ResourceIds.NewReservationId(), 0, "ami-00000000000000001", "t1.micro", 1, 512, "tok-x", null, null,
            new LaunchContext(null, ["sg-x"], "10.0.0.9"));
        await using (var writer = fixture.Store.OpenSession())
        {
            writer.StartInstance(requested);
            Assert.Equal(ComputeStatus.Ok, await writer.SaveAsync(default));
            writer.AppendInstance(requested.InstanceId, 1, [new InstancePlaced(Ctx, "host-q"),
                new InstanceTransitioned(Ctx, InstanceState.Pending, InstanceState.Prolog, "placed"),
                new InstanceTransitioned(Ctx, InstanceState.Prolog, InstanceState.Running, null)]);
            Assert.Equal(ComputeStatus.Ok, await writer.SaveAsync(default));
        }

        var x = requested.InstanceId;
        var y = await StartAsync("t1.micro", null, [], 41, owner: "ivy", clientToken: "tok-y");
        await using var session = fixture.Store.OpenSession();
        async Task<IEnumerable<string>> Ids(InstanceQuery q) => (await session.ListInstancesAsync(q with { Owner = "ivy" }, default)).Select(i => i.Id);

        Assert.Equal([x, y], await Ids(new InstanceQuery()));
        Assert.Equal([x], await Ids(new InstanceQuery { HostId = "host-q" }));
        Assert.Equal([x], await Ids(new InstanceQuery { HoldingHostOnly = true }));
        Assert.Equal([x], await Ids(new InstanceQuery { States = [InstanceState.Running, InstanceState.Stopped] }));
        Assert.Equal([y], await Ids(new InstanceQuery { States = [InstanceState.Pending] }));
        Assert.Equal([x], await Ids(new InstanceQuery { SecurityGroupId = "sg-x" }));
        Assert.Equal([y], await Ids(new InstanceQuery { ClientToken = "tok-y" }));
        Assert.Equal([x], await Ids(new InstanceQuery { ImageIds = ["ami-00000000000000001"] }));
        Assert.Equal([x], await Ids(new InstanceQuery { ReservationIds = [requested.ReservationId, "r-00000000000000000"] }));
        Assert.Equal([x], await Ids(new InstanceQuery { PrivateAddresses = ["10.0.0.9"] }));
        Assert.Empty(await Ids(new InstanceQuery { HostId = "host-q", States = [InstanceState.Pending] }));
    }

    [Fact]
    public async Task ListInstanceHandles_SameQuery_SameInstancesInOrderWithTheirTokensAndStates()
    {
        var a = await StartAsync("c1.medium", null, [], 10, owner: "carol", clientToken: "occi:/compute/web");
        var b = await StartAsync("c1.medium", null, [], 11, owner: "carol");
        await StartAsync("c1.medium", null, [], 12, owner: "dave");
        await using (var session = fixture.Store.OpenSession())
        {
            session.AppendInstance(b, 1, [new InstanceIntentChanged(Ctx, InstanceIntent.Terminate, null)]);
            Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
        }

        await using var reader = fixture.Store.OpenSession();
        var query = new InstanceQuery { Owner = "carol", InstanceTypes = ["c1.medium"] };
        var handles = await reader.ListInstanceHandlesAsync(query, default);

        Assert.Equal((await reader.ListInstancesAsync(query, default)).Select(i => i.Id), handles.Select(h => h.Id));
        Assert.Equal(new InstanceHandle { Id = a, ClientToken = "occi:/compute/web", State = InstanceState.Pending, Intent = InstanceIntent.Run }, handles[0]);
        Assert.Equal(new InstanceHandle { Id = b, State = InstanceState.Pending, Intent = InstanceIntent.Terminate }, handles[1]);
        Assert.Equal([b], (await reader.ListInstanceHandlesAsync(query with { Skip = 1, Limit = 1 }, default)).Select(h => h.Id));
    }

    [Fact]
    public async Task StreamInstanceOutlines_SameQuery_SameInstancesInOrderWithEveryOutlinedField()
    {
        var requested = new InstanceRequested(Ctx with { At = DateTimeOffset.UnixEpoch.AddMinutes(20) }, ResourceIds.NewInstanceId(), "erin",
            ResourceIds.NewReservationId(), 0, "ami-0123456789abcdef0", "c3.large", 2, 3072, "occi:/compute/db", null, "k3",
            new LaunchContext("dXNlcg==", ["sg-1"], "10.0.0.7", Tags: new Dictionary<string, string> { ["Name"] = "first", ["Summary"] = "the database" },
                Hostname: "db", PublicKey: "ssh-ed25519 AAAA erin", ContextPairs: new Dictionary<string, string> { ["ROLE"] = "db" }));
        await using (var writer = fixture.Store.OpenSession())
        {
            writer.StartInstance(requested);
            Assert.Equal(ComputeStatus.Ok, await writer.SaveAsync(default));
            writer.AppendInstance(requested.InstanceId, 1, [new InstancePlaced(Ctx, "host-a"),
                new InstanceTransitioned(Ctx, InstanceState.Pending, InstanceState.Failed, "no image")]);
            Assert.Equal(ComputeStatus.Ok, await writer.SaveAsync(default));
        }

        var a = requested.InstanceId;
        var b = await StartAsync("c3.large", null, [], 21, owner: "erin");
        await StartAsync("c3.large", null, [], 22, owner: "frank");
        await using var session = fixture.Store.OpenSession();
        var query = new InstanceQuery { Owner = "erin" };

        var streamed = await OutlinesAsync(session, "erin");

        var whole = await session.ListInstancesAsync(query, default);
        Assert.Equal([a, b], streamed.Select(i => i.Id));
        for (var i = 0; i < whole.Count; i++)
        {
            var expected = InstanceOutline.Of(whole[i]);
            Assert.Equal(expected with { Tags = streamed[i].Tags }, streamed[i]);
            Assert.Equal(expected.Tags.OrderBy(t => t.Key), streamed[i].Tags.OrderBy(t => t.Key));
        }

        Assert.Equal(new InstanceOutline
        {
            Id = a, ClientToken = "occi:/compute/db", ImageId = "ami-0123456789abcdef0", InstanceType = "c3.large", Cpus = 2, MemoryMiB = 3072,
            Hostname = "db", PublicKey = "ssh-ed25519 AAAA erin", UserData = "dXNlcg==", PrivateAddress = "10.0.0.7",
            State = InstanceState.Failed, Intent = InstanceIntent.Run, StateReason = "no image", HostId = "host-a", Tags = streamed[0].Tags,
        }, streamed[0]);
        Assert.Equal("the database", streamed[0].Tags["Summary"]);
        Assert.Empty(streamed[1].Tags);
    }

    [Fact]
    public async Task StreamInstanceOutlines_NoOwner_EveryOwnersInstancesInRequestOrder()
    {
        await StartAsync("m1.large", null, [], 30, owner: "gina");
        await StartAsync("m1.large", null, [], 31, owner: "hal");
        await using var session = fixture.Store.OpenSession();

        var streamed = await OutlinesAsync(session, null);

        Assert.Equal((await session.ListInstancesAsync(new InstanceQuery(), default)).Select(i => i.Id), streamed.Select(o => o.Id));
        Assert.Contains(streamed, o => o.InstanceType == "m1.large");
    }

    private static async Task<List<InstanceOutline>> OutlinesAsync(IComputeSession session, string? owner)
    {
        var streamed = new List<InstanceOutline>();
        await foreach (var outline in session.StreamInstanceOutlinesAsync(owner, default))
        {
            streamed.Add(outline);
        }

        return streamed;
    }
}
