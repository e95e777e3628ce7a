using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>EC2-Classic security groups through awscli.</summary>
public sealed class AwsCliSecurityGroupTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    private AwsCli Admin => new(cloud.Ec2Address, cloud.Admin.AccessKeyId, cloud.Admin.SecretAccessKey);

    [Fact]
    public async Task SecurityGroup_CreateAuthorizeDescribeRevokeDelete_RulesAsGiven()
    {
        var created = await Admin.Ec2Async("create-security-group", "--group-name", "web", "--description", "web servers");
        Assert.True(created.ExitCode == 0, created.Error);
        var id = created.Json.GetProperty("GroupId").GetString()!;
        Assert.StartsWith("sg-", id, StringComparison.Ordinal);
        await Admin.Ec2Async("create-security-group", "--group-name", "admins", "--description", "bastion");

        var ssh = await Admin.Ec2Async("authorize-security-group-ingress", "--group-name", "web", "--protocol", "tcp", "--port", "22", "--cidr", "192.0.2.0/24");
        Assert.True(ssh.ExitCode == 0, ssh.Error);
        var peer = await Admin.Ec2Async("authorize-security-group-ingress", "--group-id", id,
            "--ip-permissions", "IpProtocol=tcp,FromPort=80,ToPort=80,UserIdGroupPairs=[{GroupName=admins}]");
        Assert.True(peer.ExitCode == 0, peer.Error);

        var again = await Admin.Ec2Async("authorize-security-group-ingress", "--group-name", "web", "--protocol", "tcp", "--port", "22", "--cidr", "192.0.2.0/24");
        Assert.Contains("InvalidPermission.Duplicate", again.Error, StringComparison.Ordinal);

        var described = await Admin.Ec2Async("describe-security-groups", "--group-names", "web");
        var group = described.Json.GetProperty("SecurityGroups")[0];
        Assert.Equal("web servers", group.GetProperty("Description").GetString());
        var permissions = group.GetProperty("IpPermissions").EnumerateArray().ToList();
        Assert.Equal(2, permissions.Count);
        var sshRule = permissions.Single(p => p.GetProperty("FromPort").GetInt32() == 22);
        Assert.Equal("192.0.2.0/24", sshRule.GetProperty("IpRanges")[0].GetProperty("CidrIp").GetString());
        var webRule = permissions.Single(p => p.GetProperty("FromPort").GetInt32() == 80);
        Assert.Equal("admins", webRule.GetProperty("UserIdGroupPairs")[0].GetProperty("GroupName").GetString());

        var revoked = await Admin.Ec2Async("revoke-security-group-ingress", "--group-name", "web", "--protocol", "tcp", "--port", "22", "--cidr", "192.0.2.0/24");
        Assert.True(revoked.ExitCode == 0, revoked.Error);
        // EC2-Classic: revoking a rule that is not there is no error; the answer names it as unknown.
        var revokedAgain = await Admin.Ec2Async("revoke-security-group-ingress", "--group-name", "web", "--protocol", "tcp", "--port", "22", "--cidr", "192.0.2.0/24");
        Assert.True(revokedAgain.ExitCode == 0, revokedAgain.Error);
        var unknown = revokedAgain.Json.GetProperty("UnknownIpPermissions")[0];
        Assert.Equal("192.0.2.0/24", unknown.GetProperty("IpRanges")[0].GetProperty("CidrIp").GetString());
        Assert.Single((await Admin.OkAsync("describe-security-groups", "--group-names", "web")).GetProperty("SecurityGroups")[0].GetProperty("IpPermissions").EnumerateArray());

        Assert.Equal(0, (await Admin.Ec2Async("delete-security-group", "--group-id", id)).ExitCode);
        Assert.Contains("InvalidGroup.NotFound", (await Admin.Ec2Async("describe-security-groups", "--group-ids", id)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSecurityGroup_SameNameTwice_Duplicate()
    {
        await Admin.Ec2Async("create-security-group", "--group-name", "twice", "--description", "x");
        var again = await Admin.Ec2Async("create-security-group", "--group-name", "twice", "--description", "x");
        Assert.Contains("InvalidGroup.Duplicate", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeEgress_Classic_InvalidParameterValue()
    {
        var created = await Admin.Ec2Async("create-security-group", "--group-name", "egress", "--description", "x");
        var id = created.Json.GetProperty("GroupId").GetString()!;
        var answer = await Admin.Ec2Async("authorize-security-group-egress", "--group-id", id, "--ip-permissions", "IpProtocol=tcp,FromPort=1,ToPort=2,IpRanges=[{CidrIp=10.0.0.0/8}]");
        Assert.Contains("InvalidParameterValue", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_BadCidrOrPorts_InvalidParameterValue()
    {
        await Admin.Ec2Async("create-security-group", "--group-name", "strict", "--description", "x");
        Assert.Contains("InvalidParameterValue", (await Admin.Ec2Async("authorize-security-group-ingress", "--group-name", "strict", "--protocol", "tcp", "--port", "22", "--cidr", "300.1.1.1/8")).Error, StringComparison.Ordinal);
        Assert.Contains("InvalidParameterValue", (await Admin.Ec2Async("authorize-security-group-ingress", "--group-name", "strict", "--protocol", "tcp", "--port", "90-80", "--cidr", "10.0.0.0/8")).Error, StringComparison.Ordinal);
    }
}
