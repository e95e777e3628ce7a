using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Tags on instances and security groups through awscli, and the tag filters.</summary>
public sealed class AwsCliTagTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private string _image = "";

    private AwsCli Admin => AwsCli.AdminOf(cloud);

    public async Task InitializeAsync() => _image = await cloud.RegisterImageAsync("tags-" + Guid.NewGuid().ToString("N")[..8]);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Tags_LaunchCreateFilterDelete_AsEc2Does()
    {
        var run = await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "2",
            "--tag-specifications", "ResourceType=instance,Tags=[{Key=project,Value=atlas},{Key=tier,Value=web}]");
        var ids = Ids(run);
        Assert.All(run.GetProperty("Instances").EnumerateArray(), i => Assert.Equal("atlas", TagOf(i, "project")));

        var group = (await Admin.OkAsync("create-security-group", "--group-name", "tagged", "--description", "x")).GetProperty("GroupId").GetString()!;
        await Admin.OkAsync("create-tags", "--resources", ids[0], group, "--tags", "Key=owner,Value=alice", "Key=tier,Value=db");

        var byOwner = await Admin.OkAsync("describe-instances", "--filters", "Name=tag:owner,Values=alice");
        Assert.Equal([ids[0]], Listed(byOwner));
        var byWildcard = await Admin.OkAsync("describe-instances", "--filters", "Name=tag-value,Values=at*s", "Name=tag:tier,Values=w?b");
        Assert.Equal([ids[1]], Listed(byWildcard));
        var byKey = await Admin.OkAsync("describe-instances", "--filters", "Name=tag-key,Values=owner");
        Assert.Equal([ids[0]], Listed(byKey));

        var groupTags = await Admin.OkAsync("describe-tags", "--filters", "Name=resource-type,Values=security-group");
        var onGroup = groupTags.GetProperty("Tags").EnumerateArray().ToList();
        Assert.Equal(2, onGroup.Count);
        Assert.All(onGroup, t => Assert.Equal(group, t.GetProperty("ResourceId").GetString()));
        Assert.Equal(["owner", "tier"], onGroup.Select(t => t.GetProperty("Key").GetString()!));

        // DescribeTags takes key and value, and also the tag-key and tag-value of the other listings.
        foreach (var filter in new[] { "Name=value,Values=db", "Name=tag-value,Values=db" })
        {
            var byValue = (await Admin.OkAsync("describe-tags", "--filters", filter, "Name=resource-id,Values=" + group)).GetProperty("Tags");
            Assert.Equal("tier", Assert.Single(byValue.EnumerateArray()).GetProperty("Key").GetString());
        }

        var byTagKey = (await Admin.OkAsync("describe-tags", "--filters", "Name=tag-key,Values=owner",
            $"Name=resource-id,Values={ids[0]},{ids[1]},{group}")).GetProperty("Tags");
        Assert.Equal(new[] { ids[0], group }.Order(StringComparer.Ordinal),
            byTagKey.EnumerateArray().Select(t => t.GetProperty("ResourceId").GetString()!).Order(StringComparer.Ordinal));

        var described = await Admin.OkAsync("describe-security-groups", "--group-ids", group);
        Assert.Equal("alice", TagOf(described.GetProperty("SecurityGroups")[0], "owner"));

        // A value that does not match leaves the tag; a key alone removes it.
        await Admin.OkAsync("delete-tags", "--resources", ids[0], "--tags", "Key=owner,Value=bob");
        Assert.Equal([ids[0]], Listed(await Admin.OkAsync("describe-instances", "--filters", "Name=tag:owner,Values=alice")));
        await Admin.OkAsync("delete-tags", "--resources", ids[0], "--tags", "Key=owner");
        Assert.Empty(Listed(await Admin.OkAsync("describe-instances", "--filters", "Name=tag:owner,Values=alice")));

        // No keys at all removes every tag of the resource.
        await Admin.OkAsync("delete-tags", "--resources", ids[1]);
        var left = await Admin.OkAsync("describe-tags", "--filters", "Name=resource-id,Values=" + ids[1]);
        Assert.Equal(0, left.GetProperty("Tags").GetArrayLength());

        var history = await cloud.AdminClient().GetStringAsync($"/api/v1/instances/{ids[0]}/history");
        Assert.Contains("untagged owner", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTags_BadIdsAndLimits_Ec2Codes()
    {
        var id = Ids(await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1"))[0];
        await Admin.FailsAsync("InvalidID", "create-tags", "--resources", "vol-nothing", "--tags", "Key=a,Value=b");
        await Admin.FailsAsync("InvalidInstanceID.NotFound", "create-tags", "--resources", "i-0123456789abcdef0", "--tags", "Key=a,Value=b");
        await Admin.FailsAsync("InvalidParameterValue", "create-tags", "--resources", id, "--tags", "Key=aws:reserved,Value=b");

        var many = Enumerable.Range(0, 51).Select(n => $"Key=k{n},Value=v").ToArray();
        await Admin.FailsAsync("TagLimitExceeded", ["create-tags", "--resources", id, "--tags", .. many]);
        var tags = await Admin.OkAsync("describe-tags", "--filters", "Name=resource-id,Values=" + id);
        Assert.Equal(0, tags.GetProperty("Tags").GetArrayLength());
    }

    [Fact]
    public async Task Tags_OtherUsersInstance_NotFoundAndInvisible()
    {
        var id = Ids(await Admin.OkAsync("run-instances", "--image-id", _image, "--count", "1",
            "--tag-specifications", "ResourceType=instance,Tags=[{Key=secret,Value=admin}]"))[0];
        var mallory = await AwsCli.NewUserAsync(cloud, "tags-mallory");

        await mallory.FailsAsync("InvalidInstanceID.NotFound", "create-tags", "--resources", id, "--tags", "Key=mine,Value=now");
        var seen = await mallory.OkAsync("describe-tags");
        Assert.Equal(0, seen.GetProperty("Tags").GetArrayLength());
    }

    [Fact]
    public async Task DescribeTags_TokenWithOtherFilters_ContinuesForItsOwnerAndActionOnly()
    {
        var cli = await AwsCli.NewUserAsync(cloud, "tags-pager");
        var group = (await cli.OkAsync("create-security-group", "--group-name", "paged", "--description", "x")).GetProperty("GroupId").GetString()!;
        await cli.OkAsync(["create-tags", "--resources", group, "--tags",
            .. Enumerable.Range(0, 8).Select(n => $"Key=k{n},Value={(n < 6 ? "aaa" : "bbb")}")]);

        var first = await cli.OkAsync("describe-tags", "--max-results", "5",
            "--filters", "Name=resource-id,Values=" + group, "Name=value,Values=aaa");
        Assert.Equal(5, first.GetProperty("Tags").GetArrayLength());
        var token = first.GetProperty("NextToken").GetString()!;

        // The position carries over to a call with fewer filters: 8 tags, 5 passed over.
        var rest = await cli.OkAsync("describe-tags", "--max-results", "5", "--next-token", token,
            "--filters", "Name=resource-id,Values=" + group);
        Assert.Equal(3, rest.GetProperty("Tags").GetArrayLength());
        Assert.False(rest.TryGetProperty("NextToken", out _));

        await cli.FailsAsync("InvalidPaginationToken", "describe-instances", "--max-results", "5", "--next-token", token);
        var stranger = await AwsCli.NewUserAsync(cloud, "tags-token-thief");
        await stranger.FailsAsync("InvalidPaginationToken", "describe-tags", "--max-results", "5", "--next-token", token);
    }

    private static List<string> Ids(JsonElement run) =>
        [.. run.GetProperty("Instances").EnumerateArray().Select(i => i.GetProperty("InstanceId").GetString()!)];

    private static List<string> Listed(JsonElement described) =>
        [.. described.GetProperty("Reservations").EnumerateArray().SelectMany(r => r.GetProperty("Instances").EnumerateArray())
            .Select(i => i.GetProperty("InstanceId").GetString()!).Order()];

    private static string? TagOf(JsonElement resource, string key) =>
        resource.TryGetProperty("Tags", out var tags)
            ? tags.EnumerateArray().Where(t => t.GetProperty("Key").GetString() == key).Select(t => t.GetProperty("Value").GetString()).FirstOrDefault()
            : null;
}
