using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Marten.Tests;

/// <summary>The store keeps a private address to one live instance, and frees it when the instance is done.</summary>
public sealed class PrivateAddressTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly EventContext Ctx = new("alice", "api", DateTimeOffset.UnixEpoch);

    private static InstanceRequested Requested(string address) =>
        new(Ctx, ResourceIds.NewInstanceId(), "alice", ResourceIds.NewReservationId(), 0, "ami-0123456789abcdef0", "t1.micro", 1, 512, null, null,
            Launch: new LaunchContext(null, [], address));

    private async Task<ComputeStatus> StartAsync(InstanceRequested requested)
    {
        await using var session = fixture.Store.OpenSession();
        session.StartInstance(requested);
        return await session.SaveAsync(default);
    }

    [Fact]
    public async Task SameAddress_SecondLiveInstance_ConflictUntilFirstIsDone()
    {
        var first = Requested("10.10.7.7");
        Assert.Equal(ComputeStatus.Ok, await StartAsync(first));
        Assert.Equal(ComputeStatus.Conflict, await StartAsync(Requested("10.10.7.7")));

        await using (var session = fixture.Store.OpenSession())
        {
            Assert.Contains("10.10.7.7", await session.PrivateAddressesInUseAsync(default));
            session.AppendInstance(first.InstanceId, 1, [new InstanceTransitioned(Ctx, InstanceState.Pending, InstanceState.Done, "terminated")]);
            Assert.Equal(ComputeStatus.Ok, await session.SaveAsync(default));
        }

        await using (var session = fixture.Store.OpenSession())
        {
            Assert.DoesNotContain("10.10.7.7", await session.PrivateAddressesInUseAsync(default));
        }

        Assert.Equal(ComputeStatus.Ok, await StartAsync(Requested("10.10.7.7")));
    }
}
