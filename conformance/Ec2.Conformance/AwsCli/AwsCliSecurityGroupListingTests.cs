using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>DescribeSecurityGroups through awscli: paging, the ip-permission filters, and tags given at creation.</summary>
public sealed class AwsCliSecurityGroupListingTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task DescribeSecurityGroups_MaxResultsFive_PagesThroughTheOwnersGroupsOnly()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "sg-pager");
        for (var n = 0; n < 6; n++)
        {
            await cli.OkAsync("create-security-group", "--group-name", $"page-{n}", "--description", "x");
        }

        var first = await cli.OkAsync("describe-security-groups", "--max-results", "5");
        Assert.Equal(5, first.GetProperty("SecurityGroups").GetArrayLength());
        var token = first.GetProperty("NextToken").GetString()!;
        var rest = await cli.OkAsync("describe-security-groups", "--max-results", "5", "--next-token", token);
        Assert.Equal(2, rest.GetProperty("SecurityGroups").GetArrayLength());
        Assert.False(rest.TryGetProperty("NextToken", out _));
        var names = first.GetProperty("SecurityGroups").EnumerateArray().Concat(rest.GetProperty("SecurityGroups").EnumerateArray())
            .Select(g => g.GetProperty("GroupName").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(["default", "page-0", "page-1", "page-2", "page-3", "page-4", "page-5"], names);

        // awscli refuses a MaxResults below 5 itself, so the range is not asked of the server here.
        await cli.FailsAsync("InvalidParameterCombination", "describe-security-groups", "--max-results", "5", "--group-names", "page-0");
        await cli.FailsAsync("InvalidPaginationToken", "describe-security-groups", "--max-results", "5", "--next-token", "forged");
        var stranger = await AwsCli.NewUserAsync(cloud, "sg-token-thief");
        await stranger.FailsAsync("InvalidPaginationToken", "describe-security-groups", "--max-results", "5", "--next-token", token);
    }

    [Fact]
    public async Task DescribeSecurityGroups_IpPermissionFilters_MatchGroupsByTheirRules()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "sg-filters");
        var app = (await cli.OkAsync("create-security-group", "--group-name", "app", "--description", "x")).GetProperty("GroupId").GetString()!;
        var web = (await cli.OkAsync("create-security-group", "--group-name", "web", "--description", "x")).GetProperty("GroupId").GetString()!;
        var db = (await cli.OkAsync("create-security-group", "--group-name", "db", "--description", "x")).GetProperty("GroupId").GetString()!;
        await cli.OkAsync("authorize-security-group-ingress", "--group-id", web, "--protocol", "tcp", "--port", "80-443", "--cidr", "0.0.0.0/0");
        await cli.OkAsync("authorize-security-group-ingress", "--group-id", web, "--protocol", "udp", "--port", "53", "--cidr", "192.0.2.0/24");
        await cli.OkAsync("authorize-security-group-ingress", "--group-id", db, "--ip-permissions", "IpProtocol=tcp,FromPort=5432,ToPort=5432,UserIdGroupPairs=[{GroupName=app}]");

        async Task<List<string>> Matching(params string[] filters) =>
            [.. (await cli.OkAsync(["describe-security-groups", "--filters", .. filters])).GetProperty("SecurityGroups").EnumerateArray()
                .Select(g => g.GetProperty("GroupName").GetString()!).Order(StringComparer.Ordinal)];

        Assert.Equal(["web"], await Matching("Name=ip-permission.cidr,Values=0.0.0.0/0"));
        Assert.Equal(["web"], await Matching("Name=ip-permission.from-port,Values=80", "Name=ip-permission.to-port,Values=443"));
        Assert.Equal(["db", "web"], await Matching("Name=ip-permission.protocol,Values=tcp"));
        Assert.Equal(["web"], await Matching("Name=ip-permission.protocol,Values=17"));
        Assert.Equal(["db"], await Matching("Name=ip-permission.group-id,Values=" + app));
        Assert.Equal(["db"], await Matching("Name=ip-permission.group-name,Values=app"));
        var account = (await cli.OkAsync("describe-security-groups", "--group-ids", app)).GetProperty("SecurityGroups")[0].GetProperty("OwnerId").GetString()!;
        Assert.Equal(["db"], await Matching("Name=ip-permission.user-id,Values=" + account));
        // Several rule filters: some rule meets each, not one rule all (udp 53 and tcp 80 are different rules of web).
        Assert.Equal(["web"], await Matching("Name=ip-permission.protocol,Values=udp", "Name=ip-permission.from-port,Values=80"));
        Assert.Empty(await Matching("Name=egress.ip-permission.cidr,Values=0.0.0.0/0"));
        Assert.Empty(await Matching("Name=ip-permission.cidr,Values=10.0.0.0/8"));
        Assert.Equal(db, (await cli.OkAsync("describe-security-groups", "--filters", "Name=ip-permission.group-name,Values=app")).GetProperty("SecurityGroups")[0].GetProperty("GroupId").GetString());
    }

    [Fact]
    public async Task CreateSecurityGroup_TagSpecification_TagsTheGroup()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "sg-tagged");
        var created = await cli.OkAsync("create-security-group", "--group-name", "tagged", "--description", "x",
            "--tag-specifications", "ResourceType=security-group,Tags=[{Key=Name,Value=front},{Key=team,Value=web}]");
        var id = created.GetProperty("GroupId").GetString()!;
        Assert.Equal(2, created.GetProperty("Tags").GetArrayLength());

        var described = (await cli.OkAsync("describe-security-groups", "--filters", "Name=tag:Name,Values=front")).GetProperty("SecurityGroups");
        Assert.Equal(id, Assert.Single(described.EnumerateArray()).GetProperty("GroupId").GetString());
        var tags = (await cli.OkAsync("describe-tags", "--filters", "Name=resource-id,Values=" + id)).GetProperty("Tags");
        Assert.Equal(["Name=front", "team=web"], tags.EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}").Order(StringComparer.Ordinal));

        await cli.FailsAsync("InvalidParameterValue", "create-security-group", "--group-name", "mistagged", "--description", "x",
            "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=x}]");
        Assert.Contains("InvalidGroup.NotFound", (await cli.Ec2Async("describe-security-groups", "--group-names", "mistagged")).Error, StringComparison.Ordinal);
    }
}
