using StandardsCloud.Compute.SecurityGroups;

namespace StandardsCloud.Compute.Tests.SecurityGroups;

public sealed class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("100.68.0.18/18", "100.68.0.0/18")]
    [InlineData("192.0.2.77/32", "192.0.2.77/32")]
    [InlineData("203.0.113.9/0", "0.0.0.0/0")]
    [InlineData("255.255.255.255/31", "255.255.255.254/31")]
    public void TryCanonical_HostBitsSet_Cleared(string given, string canonical)
    {
        Assert.True(Ipv4Cidr.TryCanonical(given, out var network));
        Assert.Equal(canonical, network);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.0.0/8")]
    [InlineData("256.0.0.0/8")]
    [InlineData("010.0.0.0/8")]
    [InlineData("10.0.0.0/08")]
    [InlineData(" 10.0.0.0/8")]
    [InlineData("10.0.0.0/8 ")]
    [InlineData("1e1.0.0.0/8")]
    [InlineData("2001:db8::/32")]
    [InlineData("10..0.0/8")]
    public void TryCanonical_Malformed_False(string given) => Assert.False(Ipv4Cidr.TryCanonical(given, out _));
}
