using StandardsCloud.Compute.SecurityGroups;

namespace StandardsCloud.Compute.Tests.SecurityGroups;

public sealed class IngressRuleTests
{
    [Fact]
    public void SamePermission_DifferentDescriptions_True()
    {
        var noted = new IngressRule("tcp", 22, 22, "192.0.2.0/24", null) { Description = "office" };

        Assert.True(noted.SamePermission(noted with { Description = null }));
        Assert.False(noted.SamePermission(noted with { ToPort = 23 }));
        Assert.False(noted.SamePermission(new IngressRule("tcp", 22, 22, null, "sg-0123456789abcdef0")));
    }

    [Fact]
    public void SamePermission_StoredWithHostBits_MatchesItsNetwork()
    {
        var stored = new IngressRule("tcp", 80, 80, "10.0.0.1/8", null);

        Assert.True(stored.SamePermission(new IngressRule("tcp", 80, 80, "10.0.0.0/8", null)));
        Assert.False(stored.SamePermission(new IngressRule("tcp", 80, 80, "10.0.0.0/16", null)));
    }

    [Fact]
    public void Normalize_HostBitsAndDescription_NetworkKeptWithTheNote()
    {
        var (rule, error) = SecurityGroupService.Normalize(new IngressRule("tcp", 443, 443, "198.51.100.7/24", null) { Description = "partners (EU) #2" });

        Assert.Null(error);
        Assert.Equal("198.51.100.0/24", rule!.CidrIp);
        Assert.Equal("partners (EU) #2", rule.Description);
    }

    [Theory]
    [InlineData("tcp", 22, 22, "2001:db8::/32", null, "malformed")]
    [InlineData("tcp", 22, 22, "10.0.0.0/33", null, "malformed")]
    [InlineData("tcp", 22, 22, "10.0.0.0/8", "it's mine", "description")]
    [InlineData("tcp", 22, 22, "10.0.0.0/8", "café", "description")]
    [InlineData("icmp", 256, 0, "10.0.0.0/8", null, "ICMP")]
    [InlineData("icmp", 8, -2, "10.0.0.0/8", null, "ICMP")]
    [InlineData("gre", 0, 0, "10.0.0.0/8", null, "'gre'")]
    public void Normalize_NotAcceptable_SaysWhy(string protocol, int from, int to, string cidr, string? description, string named)
    {
        var (rule, error) = SecurityGroupService.Normalize(new IngressRule(protocol, from, to, cidr, null) { Description = description });

        Assert.Null(rule);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_LongestDescription_Accepted_OneMore_Refused()
    {
        var rule = new IngressRule("udp", 53, 53, "10.0.0.0/8", null);

        Assert.Null(SecurityGroupService.Normalize(rule with { Description = new string('a', 255) }).Error);
        Assert.NotNull(SecurityGroupService.Normalize(rule with { Description = new string('a', 256) }).Error);
    }

    [Theory]
    [InlineData("web", "web servers", true)]
    [InlineData("sg-web", "x", false)]
    [InlineData("SG-web", "x", false)]
    [InlineData("café", "x", false)]
    [InlineData("web", "naïve", false)]
    [InlineData("tab\there", "x", false)]
    [InlineData("", "x", false)]
    public void NamingError_Classic_AsciiAndNoSgPrefix(string name, string description, bool acceptable) =>
        Assert.Equal(acceptable, SecurityGroupService.NamingError(name, description) is null);
}
