using StandardsCloud.CloudKit;
using StandardsCloud.Ec2Compat.Http;
using StandardsCloud.Server.Configuration;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>A site that runs one EC2 call at a time and lets none wait.</summary>
public sealed class OneCallCloud : CloudFixture
{
    protected override ServerSettings Adjust(ServerSettings settings) => settings with { Ec2ConcurrentCalls = 1, Ec2WaitingCalls = 0 };
}

/// <summary>Calls beyond what the site runs and queues are answered as EC2 throttles them.</summary>
public sealed class AwsCliThrottleTests(OneCallCloud cloud) : IClassFixture<OneCallCloud>
{
    [Fact]
    public async Task Call_WhileTheOnlyTurnIsTaken_RequestLimitExceededThenServed()
    {
        var admin = AwsCli.AdminOf(cloud);
        using (var taken = await cloud.Service<Ec2Throttle>().EnterAsync(default))
        {
            Assert.True(taken.IsAcquired);
            await admin.FailsAsync("RequestLimitExceeded", "describe-regions");
        }

        var regions = await admin.OkAsync("describe-regions");
        Assert.Equal("RegionOne", regions.GetProperty("Regions")[0].GetProperty("RegionName").GetString());
    }
}
