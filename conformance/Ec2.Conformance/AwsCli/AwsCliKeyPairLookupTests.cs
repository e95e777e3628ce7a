using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Key pairs through awscli by their key pair ids, with tags given at creation; each owner sees only their own.</summary>
public sealed class AwsCliKeyPairLookupTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _dir = new("key-lookups");

    private AwsCli Admin => AwsCli.AdminOf(cloud);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DescribeKeyPairs_KeyPairIds_OnlyThoseWithPublicKeyOnlyWhenAsked()
    {
        var first = await CreateAsync("by-id-1");
        var second = await CreateAsync("by-id-2");
        await CreateAsync("by-id-3");
        Assert.Matches("^key-[0-9a-f]{17}$", first);

        var one = (await Admin.OkAsync("describe-key-pairs", "--key-pair-ids", first)).GetProperty("KeyPairs");
        var item = Assert.Single(one.EnumerateArray());
        Assert.Equal("by-id-1", item.GetProperty("KeyName").GetString());
        Assert.Equal(first, item.GetProperty("KeyPairId").GetString());
        Assert.Equal("rsa", item.GetProperty("KeyType").GetString());
        Assert.True(item.GetProperty("CreateTime").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.False(item.TryGetProperty("PublicKey", out _));

        var withKeys = (await Admin.OkAsync("describe-key-pairs", "--key-pair-ids", first, second, "--include-public-key")).GetProperty("KeyPairs");
        Assert.Equal(["by-id-1", "by-id-2"], Names(withKeys));
        Assert.All(withKeys.EnumerateArray(), k => Assert.StartsWith("ssh-rsa AAAA", k.GetProperty("PublicKey").GetString(), StringComparison.Ordinal));

        var filtered = (await Admin.OkAsync("describe-key-pairs", "--filters", "Name=key-pair-id,Values=" + second)).GetProperty("KeyPairs");
        Assert.Equal(["by-id-2"], Names(filtered));

        var byName = (await Admin.OkAsync("describe-key-pairs", "--key-names", "by-id-1")).GetProperty("KeyPairs")[0];
        Assert.Equal(first, byName.GetProperty("KeyPairId").GetString());
    }

    [Fact]
    public async Task DescribeKeyPairs_UnknownOrMalformedId_NotFoundOrInvalidValue()
    {
        await Admin.FailsAsync("InvalidKeyPair.NotFound", "describe-key-pairs", "--key-pair-ids", "key-0123456789abcdef0");
        await Admin.FailsAsync("InvalidParameterValue", "describe-key-pairs", "--key-pair-ids", "key-xyz");
        await Admin.FailsAsync("InvalidParameterValue", "describe-key-pairs", "--key-pair-ids", "key-0123456789ABCDEF0");
    }

    [Fact]
    public async Task DeleteKeyPair_ByKeyPairId_GoneAndIdAnswered()
    {
        var id = await CreateAsync("doomed-by-id");

        var deleted = await Admin.OkAsync("delete-key-pair", "--key-pair-id", id);

        Assert.Equal(id, deleted.GetProperty("KeyPairId").GetString());
        Assert.True(deleted.GetProperty("Return").GetBoolean());
        await Admin.FailsAsync("InvalidKeyPair.NotFound", "describe-key-pairs", "--key-names", "doomed-by-id");
        await Admin.FailsAsync("InvalidParameterValue", "delete-key-pair", "--key-pair-id", "not-a-key-id");
        await Admin.FailsAsync("MissingParameter", "delete-key-pair");
    }

    [Fact]
    public async Task DeleteKeyPair_NameAndIdOfDifferentKeys_RefusedAndBothKept()
    {
        var kept = await CreateAsync("kept-a");
        await CreateAsync("kept-b");

        await Admin.FailsAsync("InvalidParameterCombination", "delete-key-pair", "--key-name", "kept-b", "--key-pair-id", kept);

        Assert.Equal(2, (await Admin.OkAsync("describe-key-pairs", "--key-names", "kept-a", "kept-b")).GetProperty("KeyPairs").GetArrayLength());
    }

    [Fact]
    public async Task KeyPairIds_AnotherOwners_NeitherSeenNorDeleted()
    {
        var id = await CreateAsync("owned-by-admin");
        var mallory = await AwsCli.NewUserAsync(cloud, "keys-mallory");

        await mallory.FailsAsync("InvalidKeyPair.NotFound", "describe-key-pairs", "--key-pair-ids", id);
        Assert.Equal(0, (await mallory.OkAsync("describe-key-pairs", "--filters", "Name=key-pair-id,Values=" + id)).GetProperty("KeyPairs").GetArrayLength());
        await mallory.OkAsync("delete-key-pair", "--key-pair-id", id);

        Assert.Equal(1, (await Admin.OkAsync("describe-key-pairs", "--key-pair-ids", id)).GetProperty("KeyPairs").GetArrayLength());
    }

    [Fact]
    public async Task TagSpecification_CreateAndImport_TaggedShownAndFilterable()
    {
        var created = await Admin.OkAsync("create-key-pair", "--key-name", "tagged-made",
            "--tag-specifications", "ResourceType=key-pair,Tags=[{Key=team,Value=blue},{Key=stage,Value=one}]");
        Assert.Equal("blue", Tag(created, "team"));

        var key = Path.Combine(_dir.Path, "id_tagged");
        await KeyTools.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        var imported = await Admin.OkAsync("import-key-pair", "--key-name", "tagged-imported", "--public-key-material", $"fileb://{key}.pub",
            "--tag-specifications", "ResourceType=key-pair,Tags=[{Key=team,Value=blue}]");
        Assert.Equal("blue", Tag(imported, "team"));
        await CreateAsync("untagged");

        var byTag = (await Admin.OkAsync("describe-key-pairs", "--filters", "Name=tag:team,Values=blue")).GetProperty("KeyPairs");
        Assert.Equal(["tagged-imported", "tagged-made"], Names(byTag));
        Assert.All(byTag.EnumerateArray(), k => Assert.Equal("blue", Tag(k, "team")));
        var byKey = (await Admin.OkAsync("describe-key-pairs", "--filters", "Name=tag-key,Values=stage")).GetProperty("KeyPairs");
        Assert.Equal(["tagged-made"], Names(byKey));

        await Admin.FailsAsync("InvalidParameterValue", "create-key-pair", "--key-name", "tagged-wrongly",
            "--tag-specifications", "ResourceType=instance,Tags=[{Key=team,Value=red}]");
        await Admin.FailsAsync("InvalidKeyPair.NotFound", "describe-key-pairs", "--key-names", "tagged-wrongly");
    }

    private async Task<string> CreateAsync(string name) =>
        (await Admin.OkAsync("create-key-pair", "--key-name", name)).GetProperty("KeyPairId").GetString()!;

    private static string[] Names(JsonElement keyPairs) =>
        [.. keyPairs.EnumerateArray().Select(k => k.GetProperty("KeyName").GetString()!).Order(StringComparer.Ordinal)];

    private static string? Tag(JsonElement resource, string key) =>
        resource.GetProperty("Tags").EnumerateArray().Where(t => t.GetProperty("Key").GetString() == key)
            .Select(t => t.GetProperty("Value").GetString()).FirstOrDefault();
}
