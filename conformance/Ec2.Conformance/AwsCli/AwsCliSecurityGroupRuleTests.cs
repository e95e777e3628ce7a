using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Rules of EC2-Classic security groups through awscli: descriptions, CIDR forms and what EC2 refuses.</summary>
public sealed class AwsCliSecurityGroupRuleTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    private AwsCli Admin => AwsCli.AdminOf(cloud);

    [Fact]
    public async Task RuleDescriptions_StoredReturnedUpdatedAndNotPartOfTheRule()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "sg-notes");
        await cli.OkAsync("create-security-group", "--group-name", "app", "--description", "application");
        var id = (await cli.OkAsync("create-security-group", "--group-name", "noted", "--description", "x")).GetProperty("GroupId").GetString()!;
        const string Permissions = """
            [{"IpProtocol":"tcp","FromPort":22,"ToPort":22,
              "IpRanges":[{"CidrIp":"192.0.2.0/24","Description":"office ssh (main)"}],
              "UserIdGroupPairs":[{"GroupName":"app","Description":"from app"}]}]
            """;
        await cli.OkAsync("authorize-security-group-ingress", "--group-id", id, "--ip-permissions", Permissions);

        var rule = Single(await cli.OkAsync("describe-security-groups", "--group-ids", id));
        Assert.Equal("office ssh (main)", rule.GetProperty("IpRanges")[0].GetProperty("Description").GetString());
        Assert.Equal("from app", rule.GetProperty("UserIdGroupPairs")[0].GetProperty("Description").GetString());

        // A rule that differs only by its description is the same rule.
        await cli.FailsAsync("InvalidPermission.Duplicate", "authorize-security-group-ingress", "--group-id", id, "--ip-permissions",
            """[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"192.0.2.0/24","Description":"other"}]}]""");
        await cli.FailsAsync("InvalidParameterValue", "authorize-security-group-ingress", "--group-id", id, "--ip-permissions",
            """[{"IpProtocol":"tcp","FromPort":23,"ToPort":23,"IpRanges":[{"CidrIp":"192.0.2.0/24","Description":"quote's not allowed"}]}]""");

        await cli.OkAsync("update-security-group-rule-descriptions-ingress", "--group-id", id, "--ip-permissions",
            """[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"192.0.2.0/24","Description":"renamed"}]}]""");
        rule = Single(await cli.OkAsync("describe-security-groups", "--group-ids", id));
        Assert.Equal("renamed", rule.GetProperty("IpRanges")[0].GetProperty("Description").GetString());
        Assert.Equal("from app", rule.GetProperty("UserIdGroupPairs")[0].GetProperty("Description").GetString());
        await cli.FailsAsync("InvalidPermission.NotFound", "update-security-group-rule-descriptions-ingress", "--group-id", id, "--ip-permissions",
            """[{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"IpRanges":[{"CidrIp":"192.0.2.0/24","Description":"none such"}]}]""");

        // Revoking needs no description.
        await cli.OkAsync("revoke-security-group-ingress", "--group-id", id, "--protocol", "tcp", "--port", "22", "--cidr", "192.0.2.0/24");
        rule = Single(await cli.OkAsync("describe-security-groups", "--group-ids", id));
        Assert.Equal(0, rule.GetProperty("IpRanges").GetArrayLength());
    }

    [Fact]
    public async Task Cidr_WithHostBits_StoredAsItsNetworkAndTheNetworkIsADuplicate()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "sg-cidr");
        var id = (await cli.OkAsync("create-security-group", "--group-name", "nets", "--description", "x")).GetProperty("GroupId").GetString()!;

        await cli.OkAsync("authorize-security-group-ingress", "--group-id", id, "--protocol", "tcp", "--port", "80", "--cidr", "10.0.0.1/8");
        var rule = Single(await cli.OkAsync("describe-security-groups", "--group-ids", id));
        Assert.Equal("10.0.0.0/8", Assert.Single(rule.GetProperty("IpRanges").EnumerateArray()).GetProperty("CidrIp").GetString());
        await cli.FailsAsync("InvalidPermission.Duplicate", "authorize-security-group-ingress", "--group-id", id, "--protocol", "tcp", "--port", "80", "--cidr", "10.0.0.0/8");

        foreach (var malformed in new[] { "10.0.0.0/33", "10.0.0/8", "010.0.0.0/8", "10.0.0.0", "2001:db8::/32" })
        {
            await cli.FailsAsync("InvalidParameterValue", "authorize-security-group-ingress", "--group-id", id, "--protocol", "tcp", "--port", "81", "--cidr", malformed);
        }

        await cli.OkAsync("revoke-security-group-ingress", "--group-id", id, "--protocol", "tcp", "--port", "80", "--cidr", "10.9.9.9/8");
        Assert.Equal(0, (await cli.OkAsync("describe-security-groups", "--group-ids", id)).GetProperty("SecurityGroups")[0].GetProperty("IpPermissions").GetArrayLength());
    }

    [Fact]
    public async Task Classic_NamesProtocolsIcmpAndIds_RefusedWithEc2Codes()
    {
        await Admin.FailsAsync("InvalidParameterValue", "create-security-group", "--group-name", "sg-lookalike", "--description", "x");
        await Admin.FailsAsync("InvalidParameterValue", "create-security-group", "--group-name", "café", "--description", "x");
        await Admin.FailsAsync("InvalidParameterValue", "create-security-group", "--group-name", "ascii-name", "--description", "naïve");
        var id = (await Admin.OkAsync("create-security-group", "--group-name", "classic-checks", "--description", "x")).GetProperty("GroupId").GetString()!;

        await Admin.FailsAsync("InvalidParameterValue", "authorize-security-group-ingress", "--group-id", id, "--ip-permissions",
            "IpProtocol=icmp,FromPort=256,ToPort=0,IpRanges=[{CidrIp=0.0.0.0/0}]");
        await Admin.FailsAsync("InvalidParameterValue", "authorize-security-group-ingress", "--group-id", id, "--ip-permissions",
            "IpProtocol=icmp,FromPort=8,ToPort=-2,IpRanges=[{CidrIp=0.0.0.0/0}]");
        await Admin.OkAsync("authorize-security-group-ingress", "--group-id", id, "--ip-permissions", "IpProtocol=icmp,FromPort=8,ToPort=-1,IpRanges=[{CidrIp=0.0.0.0/0}]");

        var gre = await Admin.Ec2Async("authorize-security-group-ingress", "--group-id", id, "--ip-permissions", "IpProtocol=gre,IpRanges=[{CidrIp=0.0.0.0/0}]");
        Assert.Contains("(InvalidParameterValue)", gre.Error, StringComparison.Ordinal);
        Assert.Contains("'gre'", gre.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("whole numbers", gre.Error, StringComparison.Ordinal);
        var numbered = await Admin.Ec2Async("authorize-security-group-ingress", "--group-id", id, "--ip-permissions", "IpProtocol=47,IpRanges=[{CidrIp=0.0.0.0/0}]");
        Assert.Contains("'47'", numbered.Error, StringComparison.Ordinal);

        await Admin.FailsAsync("InvalidGroupId.Malformed", "describe-security-groups", "--group-ids", "sg-xyz");
        await Admin.FailsAsync("InvalidGroupId.Malformed", "delete-security-group", "--group-id", "sg-0123456789ABCDEF0");
        await Admin.FailsAsync("InvalidGroupId.Malformed", "authorize-security-group-ingress", "--group-id", "sg-123", "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8");
        await Admin.FailsAsync("InvalidGroup.NotFound", "describe-security-groups", "--group-ids", "sg-1234abcd");
        await Admin.FailsAsync("InvalidGroup.NotFound", "describe-security-groups", "--group-ids", "sg-0123456789abcdef0");
    }

    private static JsonElement Single(JsonElement described) =>
        Assert.Single(described.GetProperty("SecurityGroups")[0].GetProperty("IpPermissions").EnumerateArray());
}
