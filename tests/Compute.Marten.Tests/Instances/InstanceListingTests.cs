using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Marten.Tests.Volumes;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Marten.Tests.Instances;

/// <summary>Listings through the service are owner-scoped whichever way they read the store.</summary>
public sealed class InstanceListingTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task ListHandles_UserAskingForAnotherOwner_OnlyTheirOwn()
    {
        var alice = CoreFixture.NewUser("alice");
        var bob = CoreFixture.NewUser("bob");
        var hers = await core.LaunchAsync(alice);
        var his = await core.LaunchAsync(bob);

        var asked = new InstanceQuery { Owner = alice.UserId };
        Assert.Equal([his.Id], (await core.Instances.ListHandlesAsync(bob, asked, default)).Select(h => h.Id));
        Assert.Equal([his.Id], (await core.Instances.ListAsync(bob, asked, default)).Select(i => i.Id));
        Assert.Equal([hers.Id], (await core.Instances.ListHandlesAsync(alice, new InstanceQuery(), default)).Select(h => h.Id));
    }

    [Fact]
    public async Task ListHandles_Administrator_EveryOwnersInstances()
    {
        var carol = CoreFixture.NewUser("carol");
        var dave = CoreFixture.NewUser("dave");
        var ids = new[] { (await core.LaunchAsync(carol)).Id, (await core.LaunchAsync(dave)).Id };

        var listed = (await core.Instances.ListHandlesAsync(CoreFixture.Admin, new InstanceQuery { Ids = ids }, default)).Select(h => h.Id);

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
