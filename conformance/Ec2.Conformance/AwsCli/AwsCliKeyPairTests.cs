using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>Key pairs through awscli: made here, imported from ssh-keygen, listed, used, deleted.</summary>
public sealed class AwsCliKeyPairTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _dir = new("keys");

    private AwsCli Admin => new(cloud.Ec2Address, cloud.Admin.AccessKeyId, cloud.Admin.SecretAccessKey);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CreateKeyPair_New_PrivateKeyOnceAndFingerprintListed()
    {
        var created = await Admin.Ec2Async("create-key-pair", "--key-name", "made-here");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", created.Json.GetProperty("KeyMaterial").GetString(), StringComparison.Ordinal);
        var fingerprint = created.Json.GetProperty("KeyFingerprint").GetString();

        var described = await Admin.Ec2Async("describe-key-pairs", "--key-names", "made-here");
        Assert.Equal(fingerprint, described.Json.GetProperty("KeyPairs")[0].GetProperty("KeyFingerprint").GetString());
        Assert.False(described.Json.GetProperty("KeyPairs")[0].TryGetProperty("KeyMaterial", out _));

        var again = await Admin.Ec2Async("create-key-pair", "--key-name", "made-here");
        Assert.Contains("InvalidKeyPair.Duplicate", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ed25519")]
    public async Task ImportKeyPair_SshKeygenKey_FingerprintAsEc2ComputesIt(string type)
    {
        var key = Path.Combine(_dir.Path, "id_" + type);
        await KeyTools.RunAsync("ssh-keygen", "-q", "-t", type, "-N", "", "-f", key);
        var imported = await Admin.Ec2Async("import-key-pair", "--key-name", "imported-" + type, "--public-key-material", "fileb://" + key + ".pub");
        Assert.True(imported.ExitCode == 0, imported.Error);

        // ssh-keygen computes the same fingerprints independently: MD5 of the DER key for RSA
        // (EC2's convention, via openssl), SHA-256 of the key blob for ED25519.
        var expected = type == "rsa"
            ? (await KeyTools.RunAsync("sh", "-c", $"ssh-keygen -e -f {key}.pub -m PKCS8 | openssl pkey -pubin -outform DER | openssl md5 -c")).Split("= ").Last().Trim()
            : (await KeyTools.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub")).Split(' ')[1]["SHA256:".Length..];
        Assert.Equal(expected.TrimEnd('='), imported.Json.GetProperty("KeyFingerprint").GetString()!.TrimEnd('='));

        var filtered = await Admin.Ec2Async("describe-key-pairs", "--filters", "Name=key-name,Values=imported-" + type);
        Assert.Equal(1, filtered.Json.GetProperty("KeyPairs").GetArrayLength());
    }

    [Fact]
    public async Task ImportKeyPair_NotAKey_InvalidKeyFormat()
    {
        var path = Path.Combine(_dir.Path, "junk.pub");
        await File.WriteAllTextAsync(path, "ssh-rsa not-base64!!");
        var answer = await Admin.Ec2Async("import-key-pair", "--key-name", "junk", "--public-key-material", "fileb://" + path);
        Assert.Contains("(InvalidKey.Format)", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunInstances_KeyName_ShownAndFilterable_UnknownKeyRefused()
    {
        var image = await cloud.RegisterImageAsync("key-image");
        await Admin.Ec2Async("create-key-pair", "--key-name", "for-launch");
        var run = await Admin.Ec2Async("run-instances", "--image-id", image, "--count", "1", "--key-name", "for-launch");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("for-launch", run.Json.GetProperty("Instances")[0].GetProperty("KeyName").GetString());

        var filtered = await Admin.Ec2Async("describe-instances", "--filters", "Name=key-name,Values=for-launch");
        Assert.Equal(1, filtered.Json.GetProperty("Reservations").GetArrayLength());

        var unknown = await Admin.Ec2Async("run-instances", "--image-id", image, "--count", "1", "--key-name", "no-such-key");
        Assert.Contains("InvalidKeyPair.NotFound", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteKeyPair_AbsentOrPresent_SucceedsAndIsGone()
    {
        Assert.Equal(0, (await Admin.Ec2Async("delete-key-pair", "--key-name", "never-was")).ExitCode);
        await Admin.Ec2Async("create-key-pair", "--key-name", "short-lived");
        Assert.Equal(0, (await Admin.Ec2Async("delete-key-pair", "--key-name", "short-lived")).ExitCode);
        Assert.Contains("InvalidKeyPair.NotFound", (await Admin.Ec2Async("describe-key-pairs", "--key-names", "short-lived")).Error, StringComparison.Ordinal);
    }
}
