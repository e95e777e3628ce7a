using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Ec2Compat.Mapping;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Mapping;

public sealed class SecurityGroupFilterTests
{
    private static readonly SecurityGroup App = new() { Id = "sg-0aaaaaaaaaaaaaaa1", Name = "app", Owner = "alice" };

    private static readonly SecurityGroup Web = new()
    {
        Id = "sg-0aaaaaaaaaaaaaaa2",
        Name = "web",
        Owner = "alice",
        Rules = [new("tcp", 80, 443, "0.0.0.0/0", null), new("udp", 53, 53, "192.0.2.0/24", null)],
    };

    private static readonly SecurityGroup Db = new() { Id = "sg-0aaaaaaaaaaaaaaa3", Name = "db", Owner = "alice", Rules = [new("-1", -1, -1, null, App.Id)] };

    private static readonly SecurityGroup[] Mine = [App, Db, Web];

    private static IEnumerable<string> Matching(params (string Name, string Value)[] filters)
    {
        var (selected, error) = ResourceFilters.Apply(Mine, [.. filters.Select(f => new QueryFilter(f.Name, [f.Value]))], SecurityGroupFilters.For([.. Mine.Select(SourceGroup.Of)]));
        Assert.Null(error);
        return selected.Select(g => g.Name);
    }

    [Fact]
    public void IpPermissionFilters_EachFilterOverAllRules_GroupsWhoseRulesMeetEveryFilter()
    {
        Assert.Equal(["web"], Matching(("ip-permission.cidr", "0.0.0.0/0")));
        Assert.Equal(["web"], Matching(("ip-permission.protocol", "udp"), ("ip-permission.to-port", "443")));
        Assert.Equal(["web"], Matching(("ip-permission.protocol", "6")));
        Assert.Equal(["db"], Matching(("ip-permission.protocol", "-1")));
        Assert.Equal(["db"], Matching(("ip-permission.group-name", "app")));
        Assert.Equal(["db"], Matching(("ip-permission.group-id", App.Id)));
        Assert.Equal(["db"], Matching(("ip-permission.user-id", AccountIds.Of("alice"))));
        Assert.Empty(Matching(("ip-permission.from-port", "-1")));
        Assert.Empty(Matching(("egress.ip-permission.protocol", "*")));
        Assert.Empty(Matching(("ip-permission.ipv6-cidr", "*")));
    }

    [Fact]
    public void UnknownRuleFilter_InvalidParameterValue()
    {
        var (_, error) = ResourceFilters.Apply(Mine, [new QueryFilter("ip-permission.colour", ["red"])], SecurityGroupFilters.For([.. Mine.Select(SourceGroup.Of)]));

        Assert.Equal("InvalidParameterValue", error?.Error?.Code.Code);
    }
}
