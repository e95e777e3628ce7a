using System.Security.Cryptography;
using StandardsCloud.Ec2Compat.Wire.Keys;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Keys;

public sealed class PrivateKeyFileTests
{
    [Fact]
    public void PuttyWrite_Rsa_SameFileAsPuttygen()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyVectors.RsaPem);
        var key = rsa.ExportParameters(true);
        var publicBlob = Convert.FromBase64String(KeyVectors.RsaOpenSsh.Split(' ')[1]);

        var file = PuttyKeyFile.Write("ssh-rsa", publicBlob, PuttyKeyFile.RsaPrivateBlob(key), "vector-key");

        Assert.Equal(KeyVectors.RsaPpk + "\n", file);
    }

    [Fact]
    public void PuttyWrite_Ed25519_SameFileAsPuttygen()
    {
        var publicBlob = Convert.FromBase64String(KeyVectors.Ed25519OpenSsh.Split(' ')[1]);

        var file = PuttyKeyFile.Write("ssh-ed25519", publicBlob, PuttyKeyFile.Ed25519PrivateBlob(KeyVectors.Ed25519Seed), "vector-key");

        Assert.Equal(KeyVectors.Ed25519Ppk + "\n", file);
    }

    [Fact]
    public void OpenSshWriteEd25519_SameBytesAsPythonCryptography()
    {
        var file = OpenSshPrivateKeyFile.WriteEd25519(KeyVectors.Ed25519Seed, KeyVectors.Ed25519Public, "", 0xFEFD5026);

        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", file, StringComparison.Ordinal);
        Assert.EndsWith("\n-----END OPENSSH PRIVATE KEY-----\n", file, StringComparison.Ordinal);
        Assert.All(file.Split('\n'), line => Assert.True(line.Length <= 70, line));
        Assert.Equal(Body(KeyVectors.Ed25519OpenSshPrivate), Body(file));
    }

    [Fact]
    public void OpenSshWriteEd25519_LongComment_PrivateSectionInWholeBlocks()
    {
        var body = Body(OpenSshPrivateKeyFile.WriteEd25519(KeyVectors.Ed25519Seed, KeyVectors.Ed25519Public, "a-key-name-of-some-length", 7));

        // Magic (15), cipher and KDF names (8 + 8), KDF options (4), key count (4), public blob (4 + 51),
        // then the private section as the last string: a whole number of 8-byte cipher blocks.
        const int sectionAt = 15 + 8 + 8 + 4 + 4 + 4 + 51;
        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(sectionAt));
        Assert.Equal(body.Length, sectionAt + 4 + (int)length);
        Assert.Equal(0u, length % 8);
    }

    private static byte[] Body(string pem) =>
        Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
}
