using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Marten.Tests.Volumes;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Marten.Tests.Instances;

/// <summary>An owner's instance quota holds when server replicas sharing one database launch at once.</summary>
public sealed class LaunchQuotaTests(CoreFixture core) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task Launches_FromTwoServerProcessesAtOnce_NeverExceedTheInstanceQuota()
    {
        var identity = new IdentityService(core.Store, new SecretBox(new byte[32]), TimeProvider.System);
        var frank = CoreFixture.NewUser("frank");
        Assert.True((await identity.CreateUserAsync(CoreFixture.Admin, frank.UserId, "a-password-long-enough", false, new Quota(3, null, null), default)).IsOk);
        var replica = core.ReplicaInstances();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? core.Instances : replica).LaunchAsync(frank, new LaunchRequest(core.ImageId, "t1.micro"), default)));

        Assert.Equal(3, outcomes.Count(o => o.IsOk));
        Assert.All(outcomes.Where(o => !o.IsOk), o => Assert.Equal((ComputeStatus.QuotaExceeded, QuotaKind.Instances), (o.Status, o.Quota)));
        Assert.Equal(3, (await core.Instances.ListAsync(frank, new InstanceQuery(), default)).Count);
    }

    [Fact]
    public async Task Launches_WithOneClientTokenFromTwoServerProcesses_OneReservation()
    {
        var grace = CoreFixture.NewUser("grace");
        var replica = core.ReplicaInstances();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? core.Instances : replica).LaunchAsync(grace, new LaunchRequest(core.ImageId, "t1.micro", ClientToken: "once"), default)));

        Assert.All(outcomes, o => Assert.True(o.IsOk, o.Reason));
        Assert.Single(outcomes.Select(o => o.Value!.ReservationId).Distinct(StringComparer.Ordinal));
        Assert.Single(await core.Instances.ListAsync(grace, new InstanceQuery(), default));
    }
}
