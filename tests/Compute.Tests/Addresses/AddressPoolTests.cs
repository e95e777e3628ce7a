using StandardsCloud.Compute.Addresses;

namespace StandardsCloud.Compute.Tests.Addresses;

public sealed class AddressPoolTests
{
    [Fact]
    public void TryParse_RangesBlocksAndSingles_SizeAndMembership()
    {
        Assert.True(AddressPool.TryParse(["192.0.2.10-192.0.2.19", "198.51.100.0/30", "203.0.113.7"], out var pool, out var error), error);
        Assert.Equal(15, pool.Size);
        Assert.True(pool.Contains("192.0.2.19"));
        Assert.True(pool.Contains("198.51.100.3"));
        Assert.False(pool.Contains("192.0.2.20"));
        Assert.False(pool.Contains("not an address"));
    }

    [Theory]
    [InlineData("192.0.2.300")]
    [InlineData("192.0.2.9-192.0.2.1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("::1")]
    [InlineData("10.0.0.0/8")]
    public void TryParse_BadOrHugeEntry_ErrorNamesIt(string entry)
    {
        Assert.False(AddressPool.TryParse([entry], out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_Overlap_Refused() =>
        Assert.False(AddressPool.TryParse(["192.0.2.0/29", "192.0.2.5"], out _, out _));

    [Fact]
    public void TryParseSubnet_LeavesOutNetworkGatewayAndBroadcast()
    {
        Assert.True(AddressPool.TryParseSubnet("10.1.2.0/29", out var subnet, out _));
        Assert.Equal(5, subnet.Size);
        Assert.False(subnet.Contains("10.1.2.0"));
        Assert.False(subnet.Contains("10.1.2.1"));
        Assert.True(subnet.Contains("10.1.2.2"));
        Assert.False(subnet.Contains("10.1.2.7"));
    }

    [Fact]
    public void PickFree_SkipsTakenAndNeverRepeats()
    {
        Assert.True(AddressPool.TryParse(["192.0.2.0/29"], out var pool, out _));
        var taken = new HashSet<string> { "192.0.2.0", "192.0.2.3" };
        var picked = pool.PickFree(taken, 10);
        Assert.Equal(6, picked.Count);
        Assert.Equal(6, picked.Distinct().Count());
        Assert.DoesNotContain("192.0.2.3", picked);
    }

    [Fact]
    public void TryParseSubnet_KnowsItsPrefixAndGateway_OtherPoolsDoNot()
    {
        Assert.True(AddressPool.TryParseSubnet("10.20.0.0/16", out var subnet, out _));
        Assert.Equal((16, "10.20.0.1"), (subnet.PrefixLength, subnet.Gateway));
        Assert.True(AddressPool.TryParseSubnet("192.168.5.64/26", out var small, out _));
        Assert.Equal((26, "192.168.5.65"), (small.PrefixLength, small.Gateway));
        Assert.True(AddressPool.TryParse(["198.51.100.0/28"], out var pool, out _));
        Assert.Equal((null, null), (pool.PrefixLength, pool.Gateway));
    }
}
