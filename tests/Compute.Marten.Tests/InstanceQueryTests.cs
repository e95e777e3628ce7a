using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Marten.Tests;

/// <summary>The listing filters the store applies itself, checked against a handful of instances.</summary>
public sealed class InstanceQueryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly EventContext Ctx = new("bob", "api", DateTimeOffset.UnixEpoch);

    private async Task<string> StartAsync(string type, string? key, Dictionary<string, string> tags, int minute)
    {
        var requested = new InstanceRequested(Ctx with { At = DateTimeOffset.UnixEpoch.AddMinutes(minute) }, ResourceIds.NewInstanceId(), "bob",
            ResourceIds.NewReservationId(), 0, "ami-0123456789abcdef0", type, 1, 512, null, null, key,
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
}
