using StandardsCloud.NodeDaemon.Core;

namespace StandardsCloud.NodeDaemon.Tests.Core;

public sealed class BackoffTests
{
    [Fact]
    public void Next_Repeated_GrowsAndNeverPassesCap()
    {
        var backoff = Backoff.ForCore();

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next()).ToList();

        Assert.InRange(delays[0], TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(625));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(10)));
        Assert.True(delays[^1] >= TimeSpan.FromSeconds(7.5));
    }

    [Fact]
    public void Reset_AfterGrowth_StartsAgainSmall()
    {
        var backoff = Backoff.ForCore();
        for (var i = 0; i < 6; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.True(backoff.Next() < TimeSpan.FromSeconds(1));
    }
}
