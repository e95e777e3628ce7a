using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.Compute.Tests.SecurityGroups;

public sealed class GroupIngressTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoMembers = new Dictionary<string, IReadOnlyList<string>>();

    private static SecurityGroup Group(string id, params IngressRule[] rules) => new() { Id = id, Name = id, Rules = [.. rules] };

    [Fact]
    public void Flatten_CidrRules_OfEveryGroup_SortedOnce()
    {
        var web = Group("sg-web", new IngressRule("tcp", 80, 80, "0.0.0.0/0", null), new IngressRule("tcp", 22, 22, "192.0.2.0/24", null));
        var ssh = Group("sg-ssh", new IngressRule("tcp", 22, 22, "192.0.2.0/24", null));

        var flat = GroupIngress.Flatten([web, ssh], NoMembers);

        Assert.Equal(
            [new InboundRule("tcp", 22, 22, "192.0.2.0/24"), new InboundRule("tcp", 80, 80, "0.0.0.0/0")],
            flat);
    }

    [Fact]
    public void Flatten_GroupSource_OneRulePerMemberAddress()
    {
        var db = Group("sg-db", new IngressRule("tcp", 5432, 5432, null, "sg-app"));
        var members = new Dictionary<string, IReadOnlyList<string>> { ["sg-app"] = ["10.10.0.7", "198.51.100.3", "10.10.0.5"] };

        var flat = GroupIngress.Flatten([db], members);

        Assert.Equal(["10.10.0.5/32", "10.10.0.7/32", "198.51.100.3/32"], flat.Select(r => r.SourceCidr));
        Assert.All(flat, r => Assert.Equal(("tcp", 5432, 5432), (r.Protocol, r.FromPort, r.ToPort)));
    }

    [Fact]
    public void Flatten_GroupSourceWithoutMembers_NoRule()
    {
        var db = Group("sg-db", new IngressRule("tcp", 5432, 5432, null, "sg-app"));

        Assert.Empty(GroupIngress.Flatten([db], new Dictionary<string, IReadOnlyList<string>> { ["sg-app"] = [] }));
        Assert.Empty(GroupIngress.Flatten([db], NoMembers));
    }

    [Fact]
    public void Flatten_AllProtocols_PortsDropped()
    {
        var open = Group("sg-open", new IngressRule("-1", 0, 65535, "10.0.0.0/8", null), new IngressRule("-1", -1, -1, "10.0.0.0/8", null));

        Assert.Equal([new InboundRule("-1", -1, -1, "10.0.0.0/8")], GroupIngress.Flatten([open], NoMembers));
    }

    [Theory]
    [InlineData("icmp", 8, -1, true)]
    [InlineData("icmp", -1, -1, true)]
    [InlineData("icmp", 256, 0, false)]
    [InlineData("icmp", 3, -2, false)]
    [InlineData("tcp", 90, 80, false)]
    [InlineData("gre", 0, 0, false)]
    public void Flatten_RuleOutsideWhatAHostCanMatch_LeftOut(string protocol, int from, int to, bool kept)
    {
        var group = Group("sg-x", new IngressRule(protocol, from, to, "0.0.0.0/0", null));

        Assert.Equal(kept ? 1 : 0, GroupIngress.Flatten([group], NoMembers).Count);
    }

    [Fact]
    public void Flatten_NoGroups_NothingAllowed() =>
        Assert.Empty(GroupIngress.Flatten([], NoMembers));
}
