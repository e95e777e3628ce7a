using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>
/// EC2-Classic source groups of another account through awscli: a rule may admit another user's
/// group, named by its id or by that user's account id and its name, and shows it as that
/// account's pair; nothing else of the other user's becomes visible.
/// </summary>
public sealed class AwsCliCrossAccountGroupTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task AnotherAccountsGroup_AsSource_ByIdOrAccountAndName_ShownAsTheirPair()
    {
        var owner = await AwsCli.NewUserAsync(cloud, "pair-owner-" + Guid.NewGuid().ToString("N")[..6]);
        var other = await AwsCli.NewUserAsync(cloud, "pair-other-" + Guid.NewGuid().ToString("N")[..6]);
        var theirs = (await other.OkAsync("create-security-group", "--group-name", "workers", "--description", "x")).GetProperty("GroupId").GetString()!;
        var account = (await other.OkAsync("describe-security-groups", "--group-ids", theirs)).GetProperty("SecurityGroups")[0].GetProperty("OwnerId").GetString()!;
        var mine = (await owner.OkAsync("create-security-group", "--group-name", "db", "--description", "x")).GetProperty("GroupId").GetString()!;

        await owner.OkAsync("authorize-security-group-ingress", "--group-id", mine, "--ip-permissions",
            $"IpProtocol=tcp,FromPort=5432,ToPort=5432,UserIdGroupPairs=[{{GroupId={theirs}}}]");
        await owner.OkAsync("authorize-security-group-ingress", "--group-id", mine, "--ip-permissions",
            $"IpProtocol=tcp,FromPort=6432,ToPort=6432,UserIdGroupPairs=[{{UserId={account},GroupName=workers}}]");
        await owner.OkAsync("authorize-security-group-ingress", "--group-name", "db", "--protocol", "udp", "--port", "7000",
            "--source-group", "workers", "--group-owner", account);

        var permissions = (await owner.OkAsync("describe-security-groups", "--group-ids", mine)).GetProperty("SecurityGroups")[0].GetProperty("IpPermissions");
        var pairs = permissions.EnumerateArray().SelectMany(p => p.GetProperty("UserIdGroupPairs").EnumerateArray()).ToList();
        Assert.Equal(3, pairs.Count);
        Assert.All(pairs, p => Assert.Equal((account, theirs, "workers"), (Text(p, "UserId"), Text(p, "GroupId"), Text(p, "GroupName"))));
        var filtered = await owner.OkAsync("describe-security-groups", "--filters", $"Name=ip-permission.user-id,Values={account}");
        Assert.Equal([mine], filtered.GetProperty("SecurityGroups").EnumerateArray().Select(g => Text(g, "GroupId")));

        await owner.OkAsync("revoke-security-group-ingress", "--group-id", mine, "--ip-permissions",
            $"IpProtocol=tcp,FromPort=6432,ToPort=6432,UserIdGroupPairs=[{{UserId={account},GroupName=workers}}]");
        Assert.Equal(2, (await owner.OkAsync("describe-security-groups", "--group-ids", mine)).GetProperty("SecurityGroups")[0]
            .GetProperty("IpPermissions").EnumerateArray().Sum(p => p.GetProperty("UserIdGroupPairs").GetArrayLength()));
    }

    [Fact]
    public async Task AnotherAccountsGroup_NamedWithoutItsAccountOrForTheWrongOne_NotFound()
    {
        var owner = await AwsCli.NewUserAsync(cloud, "pair-strict-" + Guid.NewGuid().ToString("N")[..6]);
        var other = await AwsCli.NewUserAsync(cloud, "pair-them-" + Guid.NewGuid().ToString("N")[..6]);
        var theirs = (await other.OkAsync("create-security-group", "--group-name", "theirs", "--description", "x")).GetProperty("GroupId").GetString()!;
        var ownAccount = (await owner.OkAsync("create-security-group", "--group-name", "mine", "--description", "x")).GetProperty("GroupId").GetString()!;
        var mineAccount = (await owner.OkAsync("describe-security-groups", "--group-ids", ownAccount)).GetProperty("SecurityGroups")[0].GetProperty("OwnerId").GetString()!;

        await owner.FailsAsync("InvalidGroup.NotFound", "authorize-security-group-ingress", "--group-name", "mine", "--ip-permissions",
            "IpProtocol=tcp,FromPort=1,ToPort=2,UserIdGroupPairs=[{GroupName=theirs}]");
        await owner.FailsAsync("InvalidGroup.NotFound", "authorize-security-group-ingress", "--group-name", "mine", "--ip-permissions",
            $"IpProtocol=tcp,FromPort=1,ToPort=2,UserIdGroupPairs=[{{UserId={mineAccount},GroupId={theirs}}}]");
        await owner.FailsAsync("InvalidGroup.NotFound", "authorize-security-group-ingress", "--group-name", "mine", "--ip-permissions",
            "IpProtocol=tcp,FromPort=1,ToPort=2,UserIdGroupPairs=[{GroupId=sg-0123456789abcdef0}]");
        await owner.FailsAsync("InvalidGroup.NotFound", "authorize-security-group-ingress", "--group-id", theirs, "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0");
    }

    [Fact]
    public async Task RuleNamingAnotherAccountsGroup_ShowsNothingElseOfTheirs()
    {
        var owner = await AwsCli.NewUserAsync(cloud, "pair-looker-" + Guid.NewGuid().ToString("N")[..6]);
        var other = await AwsCli.NewUserAsync(cloud, "pair-member-" + Guid.NewGuid().ToString("N")[..6]);
        var image = await cloud.RegisterImageAsync("pair-image-" + Guid.NewGuid().ToString("N")[..8]);
        var theirs = (await other.OkAsync("create-security-group", "--group-name", "members", "--description", "x")).GetProperty("GroupId").GetString()!;
        await other.OkAsync("create-tags", "--resources", theirs, "--tags", "Key=secret,Value=theirs");
        var member = (await other.OkAsync("run-instances", "--image-id", image, "--count", "1", "--security-group-ids", theirs))
            .GetProperty("Instances")[0].GetProperty("InstanceId").GetString()!;
        var address = (await other.OkAsync("allocate-address")).GetProperty("PublicIp").GetString()!;
        var mine = (await owner.OkAsync("create-security-group", "--group-name", "guarded", "--description", "x")).GetProperty("GroupId").GetString()!;

        await owner.OkAsync("authorize-security-group-ingress", "--group-id", mine, "--ip-permissions",
            $"IpProtocol=-1,UserIdGroupPairs=[{{GroupId={theirs}}}]");

        Assert.Empty((await owner.OkAsync("describe-instances")).GetProperty("Reservations").EnumerateArray());
        await owner.FailsAsync("InvalidInstanceID.NotFound", "describe-instances", "--instance-ids", member);
        Assert.Empty((await owner.OkAsync("describe-instances", "--filters", $"Name=group-id,Values={theirs}")).GetProperty("Reservations").EnumerateArray());
        Assert.Empty((await owner.OkAsync("describe-addresses")).GetProperty("Addresses").EnumerateArray());
        await owner.FailsAsync("InvalidAddress.NotFound", "describe-addresses", "--public-ips", address);
        await owner.FailsAsync("InvalidGroup.NotFound", "describe-security-groups", "--group-ids", theirs);
        Assert.Empty((await owner.OkAsync("describe-tags", "--filters", $"Name=resource-id,Values={theirs}")).GetProperty("Tags").EnumerateArray());
        var listed = (await owner.OkAsync("describe-security-groups")).GetProperty("SecurityGroups").EnumerateArray().Select(g => Text(g, "GroupId"));
        Assert.DoesNotContain(theirs, listed);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
