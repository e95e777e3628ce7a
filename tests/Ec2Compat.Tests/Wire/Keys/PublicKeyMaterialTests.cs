using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Ec2Compat.Wire.Keys;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Keys;

public sealed class PublicKeyMaterialTests
{
    private static (string? Line, string? Error) Convert(string text) => PublicKeyMaterial.ToOpenSsh(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ToOpenSsh_Rfc4716WithContinuedHeader_SameKeyAsOpenSsh()
    {
        var (line, error) = Convert(KeyVectors.RsaRfc4716);

        Assert.Null(error);
        Assert.Equal(KeyVectors.RsaOpenSsh, line);
    }

    [Fact]
    public void ToOpenSsh_Rfc4716WithCrLf_SameKeyAsOpenSsh()
    {
        var (line, _) = Convert(KeyVectors.RsaRfc4716.ReplaceLineEndings("\r\n"));

        Assert.Equal(KeyVectors.RsaOpenSsh, line);
    }

    [Fact]
    public void ToOpenSsh_Base64SubjectPublicKeyInfo_SameKeyAsOpenSsh()
    {
        var (line, error) = Convert(KeyVectors.RsaSubjectPublicKeyInfo + "\n");

        Assert.Null(error);
        Assert.Equal(KeyVectors.RsaOpenSsh, line);
    }

    [Fact]
    public void ToOpenSsh_Base64Pkcs1RsaPublicKey_SameKeyAsOpenSsh()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyVectors.RsaPem);

        var (line, _) = Convert(System.Convert.ToBase64String(rsa.ExportRSAPublicKey()));

        Assert.Equal(KeyVectors.RsaOpenSsh, line);
    }

    [Fact]
    public void ToOpenSsh_OpenSshLine_Unchanged()
    {
        Assert.Equal(KeyVectors.Ed25519OpenSsh + " me@host", Convert(KeyVectors.Ed25519OpenSsh + " me@host\n").Line);
    }

    [Fact]
    public void ToOpenSsh_Ed25519InRfc4716_Refused()
    {
        var body = KeyVectors.Ed25519OpenSsh.Split(' ')[1];
        var (line, error) = Convert($"---- BEGIN SSH2 PUBLIC KEY ----\n{body}\n---- END SSH2 PUBLIC KEY ----\n");

        Assert.Null(line);
        Assert.Contains("OpenSSH format only", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToOpenSsh_Ed25519Der_Refused()
    {
        // RFC 8410 §4: SubjectPublicKeyInfo of an Ed25519 key.
        var der = System.Convert.FromHexString("302a300506032b6570032100" + System.Convert.ToHexString(KeyVectors.Ed25519Public));

        Assert.NotNull(Convert(System.Convert.ToBase64String(der)).Error);
    }

    [Fact]
    public void ToOpenSsh_Rsa512Der_RefusedAsTooShort()
    {
        using var rsa = RSA.Create(512);

        Assert.Contains("1024", Convert(System.Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n")]
    [InlineData("---- BEGIN SSH2 PUBLIC KEY ----\nnot base64!\n---- END SSH2 PUBLIC KEY ----")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----")]
    [InlineData("hello")]
    [InlineData("")]
    public void ToOpenSsh_NotAKeyForm_Refused(string text)
    {
        var (line, error) = Convert(text);

        Assert.Null(line);
        Assert.NotNull(error);
    }

    [Fact]
    public void ToOpenSsh_DerWithTrailingBytes_Refused()
    {
        var der = System.Convert.FromBase64String(KeyVectors.RsaSubjectPublicKeyInfo);

        Assert.NotNull(Convert(System.Convert.ToBase64String([.. der, 0])).Error);
    }

    [Fact]
    public void ToOpenSsh_NotUtf8_Refused()
    {
        Assert.NotNull(PublicKeyMaterial.ToOpenSsh([0x30, 0x82, 0xff, 0xfe]).Error);
    }
}
