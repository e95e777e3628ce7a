using System.Text;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Ec2Compat.Mapping;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Mapping;

public sealed class IngressPermissionsTests
{
    private const string AppId = "sg-0aaaaaaaaaaaaaaa1";
    private const string TheirDbId = "sg-0bbbbbbbbbbbbbbb1";
    private static readonly string Account = AccountIds.Of("alice");
    private static readonly string Bob = AccountIds.Of("bob");

    // The caller's group, and a group of another account the request named.
    private static readonly SourceGroup[] Known = [new(AppId, "alice", "app"), new(TheirDbId, "bob", "db")];

    private static QueryRequest Query(string form) =>
        QueryRequest.ParseForm(Encoding.UTF8.GetBytes("Action=AuthorizeSecurityGroupIngress&GroupName=web&" + form.Replace("{bob}", Bob, StringComparison.Ordinal))).Request!;

    private static (IReadOnlyList<IngressRule> Rules, Ec2Result? Error) Read(string form) => IngressPermissions.Read(Query(form), Known, Account);

    [Fact]
    public void Read_SourceSecurityGroupNameAlone_AllTcpUdpAndIcmpFromTheGroup()
    {
        var (rules, error) = Read("SourceSecurityGroupName=app&SourceSecurityGroupOwnerId=" + Account);

        Assert.Null(error);
        Assert.Equal(
            [new IngressRule("tcp", 0, 65535, null, AppId), new IngressRule("udp", 0, 65535, null, AppId), new IngressRule("icmp", -1, -1, null, AppId)],
            rules);
    }

    [Theory]
    [InlineData("SourceSecurityGroupName=app&IpProtocol=tcp", "InvalidParameterCombination")]
    [InlineData("SourceSecurityGroupName=app&CidrIp=10.0.0.0/8", "InvalidParameterCombination")]
    [InlineData("SourceSecurityGroupName=app&SourceSecurityGroupOwnerId=999999999999", "InvalidGroup.NotFound")]
    [InlineData("SourceSecurityGroupName=nosuch", "InvalidGroup.NotFound")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2&IpPermissions.1.Groups.1.GroupId=sg-zz", "InvalidGroupId.Malformed")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2&IpPermissions.1.Groups.1.GroupName=app&IpPermissions.1.Groups.1.UserId=999999999999", "InvalidGroup.NotFound")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8", "InvalidParameterValue")]
    [InlineData("GroupDescription=none", "InvalidParameterValue")]
    public void Read_Refused_WithTheEc2Code(string form, string code) =>
        Assert.Equal(code, Read(form).Error?.Error?.Code.Code);

    [Theory]
    [InlineData("SourceSecurityGroupName=db&SourceSecurityGroupOwnerId={bob}")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2&IpPermissions.1.Groups.1.GroupName=db&IpPermissions.1.Groups.1.UserId={bob}")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2&IpPermissions.1.Groups.1.GroupId=sg-0bbbbbbbbbbbbbbb1&IpPermissions.1.Groups.1.UserId={bob}")]
    public void Read_AnotherAccountsGroup_NamedWithItsAccount_IsTheSource(string form)
    {
        var (rules, error) = Read(form);

        Assert.Null(error);
        Assert.All(rules, r => Assert.Equal(TheirDbId, r.SourceGroupId));
    }

    [Theory]
    [InlineData("SourceSecurityGroupName=db")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2&IpPermissions.1.Groups.1.GroupName=db")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2&IpPermissions.1.Groups.1.GroupName=app&IpPermissions.1.Groups.1.UserId={bob}")]
    [InlineData("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2&IpPermissions.1.Groups.1.GroupId=sg-0aaaaaaaaaaaaaaa1&IpPermissions.1.Groups.1.UserId={bob}")]
    public void Read_GroupNamedForTheWrongAccount_NotFound(string form) =>
        Assert.Equal("InvalidGroup.NotFound", Read(form).Error?.Error?.Code.Code);

    [Fact]
    public void Pairs_EveryGroupTheRequestNames()
    {
        var pairs = IngressPermissions.Pairs(Query("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1&IpPermissions.1.ToPort=2" +
            "&IpPermissions.1.Groups.1.GroupName=db&IpPermissions.1.Groups.1.UserId={bob}&IpPermissions.1.Groups.2.GroupId=sg-0ccccccccccccccc1" +
            "&SourceSecurityGroupName=app"));

        Assert.Equal(
            [new IngressPermissions.GroupPair(Bob, null, "db"), new IngressPermissions.GroupPair(null, "sg-0ccccccccccccccc1", null), new IngressPermissions.GroupPair(null, null, "app")],
            pairs);
    }

    [Theory]
    [InlineData("gre")]
    [InlineData("47")]
    public void Read_ProtocolWithoutPorts_NamesTheProtocolNotThePorts(string protocol)
    {
        var message = Read($"IpPermissions.1.IpProtocol={protocol}&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8").Error?.Error?.Message;

        Assert.Contains($"'{protocol}'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("whole numbers", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Descriptions_OnRangesAndGroupPairs()
    {
        var (rules, error) = Read("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22" +
            "&IpPermissions.1.IpRanges.1.CidrIp=192.0.2.0/24&IpPermissions.1.IpRanges.1.Description=office" +
            "&IpPermissions.1.Groups.1.GroupName=app&IpPermissions.1.Groups.1.Description=from+app");

        Assert.Null(error);
        Assert.Equal(["office", "from app"], rules.Select(r => r.Description));
        Assert.Equal([null, AppId], rules.Select(r => r.SourceGroupId));
    }

    [Theory]
    [InlineData("sg-1234abcd", true)]
    [InlineData("sg-0123456789abcdef0", true)]
    [InlineData("sg-1234abc", false)]
    [InlineData("sg-0123456789ABCDEF0", false)]
    [InlineData("sg-0123456789abcdef", false)]
    [InlineData("web", false)]
    [InlineData("sg-", false)]
    public void IsWellFormedGroupId_EightOrSeventeenLowercaseHex(string id, bool wellFormed) =>
        Assert.Equal(wellFormed, IngressPermissions.IsWellFormedGroupId(id));
}
