using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Ec2.Conformance.AwsCli;

/// <summary>
/// CreateKeyPair's key types and file formats and ImportKeyPair's public key forms through awscli,
/// each key checked by independent tools: ssh-keygen, openssl and puttygen.
/// </summary>
public sealed class AwsCliKeyPairFormatTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _dir = new("key-formats");

    private AwsCli Admin => AwsCli.AdminOf(cloud);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CreateKeyPair_Ed25519_OpenSshPrivateKeyThatSignsForItsPublicKey()
    {
        var created = await Admin.OkAsync("create-key-pair", "--key-name", "ed-made", "--key-type", "ed25519");
        var material = created.GetProperty("KeyMaterial").GetString()!;
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", material, StringComparison.Ordinal);
        var described = await DescribeAsync("ed-made");
        Assert.Equal("ed25519", described.GetProperty("KeyType").GetString());
        var publicKey = described.GetProperty("PublicKey").GetString()!;

        var path = await KeyTools.WritePrivateAsync(_dir.Path, "ed-made", material);
        var derived = await KeyTools.RunAsync("ssh-keygen", "-y", "-f", path);
        Assert.Equal(Blob(publicKey), Blob(derived));
        await KeyTools.SignAndVerifyAsync(_dir.Path, path, publicKey);

        // EC2 fingerprints ED25519 keys as base64 SHA-256 of the key blob, as ssh-keygen -l does.
        await File.WriteAllTextAsync(path + ".pub", derived);
        var sha256 = (await KeyTools.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", path + ".pub")).Split(' ')[1]["SHA256:".Length..];
        Assert.Equal(sha256, created.GetProperty("KeyFingerprint").GetString()!.TrimEnd('='));
    }

    [Theory]
    [InlineData("rsa", "ssh-rsa")]
    [InlineData("ed25519", "ssh-ed25519")]
    public async Task CreateKeyPair_Ppk_PuttygenReadsTheKeyBehindThePublicKey(string type, string algorithm)
    {
        var name = "ppk-" + type;
        var created = await Admin.OkAsync("create-key-pair", "--key-name", name, "--key-type", type, "--key-format", "ppk");
        var material = created.GetProperty("KeyMaterial").GetString()!;
        Assert.StartsWith($"PuTTY-User-Key-File-2: {algorithm}\nEncryption: none\nComment: {name}\n", material, StringComparison.Ordinal);
        var publicKey = (await DescribeAsync(name)).GetProperty("PublicKey").GetString()!;

        // puttygen checks the file's MAC (and an RSA key's arithmetic) before converting it.
        var ppk = await KeyTools.WritePrivateAsync(_dir.Path, name + ".ppk", material);
        var converted = Path.Combine(_dir.Path, name);
        await KeyTools.RunAsync("puttygen", ppk, "-O", "private-openssh-new", "-o", converted);
        KeyTools.OwnerOnly(converted);
        await KeyTools.SignAndVerifyAsync(_dir.Path, converted, publicKey);
    }

    [Theory]
    [InlineData("--key-type", "dsa")]
    [InlineData("--key-type", "RSA")]
    [InlineData("--key-format", "pfx")]
    public async Task CreateKeyPair_UnknownTypeOrFormat_InvalidParameterValueAndNothingMade(string option, string value)
    {
        var name = "refused-" + value;
        await Admin.FailsAsync("InvalidParameterValue", "create-key-pair", "--key-name", name, option, value);
        await Admin.FailsAsync("InvalidKeyPair.NotFound", "describe-key-pairs", "--key-names", name);
    }

    [Fact]
    public async Task ImportKeyPair_Rfc4716AndBase64Der_SameKeyAndFingerprintAsOpenSsh()
    {
        var key = Path.Combine(_dir.Path, "id_forms");
        await KeyTools.RunAsync("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key);
        await KeyTools.RunAsync("sh", "-c", $"ssh-keygen -e -f '{key}.pub' > '{key}.rfc4716'");
        await KeyTools.RunAsync("sh", "-c", $"ssh-keygen -e -m PKCS8 -f '{key}.pub' | openssl pkey -pubin -outform DER | base64 > '{key}.spki'");
        await KeyTools.RunAsync("sh", "-c",
            $"ssh-keygen -e -m PEM -f '{key}.pub' | openssl rsa -RSAPublicKey_in -RSAPublicKey_out -outform DER 2>/dev/null | base64 > '{key}.pkcs1'");
        var fingerprint = (await KeyTools.RunAsync("sh", "-c",
            $"ssh-keygen -e -m PKCS8 -f '{key}.pub' | openssl pkey -pubin -outform DER | openssl md5 -c")).Split("= ").Last().Trim();
        var blob = Blob(await File.ReadAllTextAsync(key + ".pub"));
        Assert.StartsWith("---- BEGIN SSH2 PUBLIC KEY ----", await File.ReadAllTextAsync(key + ".rfc4716"), StringComparison.Ordinal);

        foreach (var form in (string[])["rfc4716", "spki", "pkcs1"])
        {
            var imported = await Admin.OkAsync("import-key-pair", "--key-name", "form-" + form, "--public-key-material", $"fileb://{key}.{form}");
            Assert.Equal(fingerprint, imported.GetProperty("KeyFingerprint").GetString());
            var described = await DescribeAsync("form-" + form);
            Assert.Equal(blob, Blob(described.GetProperty("PublicKey").GetString()!));
            Assert.Equal("rsa", described.GetProperty("KeyType").GetString());
        }
    }

    [Fact]
    public async Task ImportKeyPair_Ed25519AsRfc4716_InvalidKeyFormat()
    {
        var key = Path.Combine(_dir.Path, "id_ed_rfc");
        await KeyTools.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        await KeyTools.RunAsync("sh", "-c", $"ssh-keygen -e -f '{key}.pub' > '{key}.rfc4716'");

        await Admin.FailsAsync("InvalidKey.Format", "import-key-pair", "--key-name", "ed-rfc4716", "--public-key-material", $"fileb://{key}.rfc4716");
        await Admin.OkAsync("import-key-pair", "--key-name", "ed-openssh", "--public-key-material", $"fileb://{key}.pub");
    }

    private async Task<JsonElement> DescribeAsync(string name) =>
        (await Admin.OkAsync("describe-key-pairs", "--key-names", name, "--include-public-key")).GetProperty("KeyPairs")[0];

    private static string Blob(string openSshLine) => openSshLine.Trim().Split(' ')[1];
}
