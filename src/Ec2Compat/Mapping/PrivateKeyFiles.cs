using System.Security.Cryptography;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Ec2Compat.Wire.Keys;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// CreateKeyPair's <c>KeyFormat</c>: the private key as EC2 hands it over. <c>pem</c> is PKCS#1
/// PEM for RSA and OpenSSH's own file for ED25519; <c>ppk</c> is a PuTTY key file for either.
/// </summary>
public static class PrivateKeyFiles
{
    public const string Pem = "pem";
    public const string Ppk = "ppk";

    public static bool IsKnown(string format) => format is Pem or Ppk;

    /// <summary>The file's text; <paramref name="comment"/> (the key's name) goes where the format keeps one.</summary>
    public static string Write(PrivateKey key, string format, string comment) => (key, format) switch
    {
        (RsaPrivateKey rsa, Pem) => RsaPem(rsa.Parameters),
        (Ed25519PrivateKey ed, Pem) => OpenSshPrivateKeyFile.WriteEd25519(ed.Seed, ed.PublicPoint, comment, CheckInt()),
        (RsaPrivateKey rsa, Ppk) => PuttyKeyFile.Write("ssh-rsa", rsa.Public.Blob, PuttyKeyFile.RsaPrivateBlob(rsa.Parameters), comment),
        (Ed25519PrivateKey ed, Ppk) => PuttyKeyFile.Write("ssh-ed25519", ed.Public.Blob, PuttyKeyFile.Ed25519PrivateBlob(ed.Seed), comment),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown private key file format."),
    };

    private static string RsaPem(RSAParameters parameters)
    {
        using var rsa = RSA.Create(parameters);
        return rsa.ExportRSAPrivateKeyPem();
    }

    private static uint CheckInt()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt32(bytes);
    }
}
