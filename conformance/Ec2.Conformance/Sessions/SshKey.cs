using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Ec2.Conformance.Sessions;

/// <summary>An OpenSSH public key to import, with the fingerprint EC2 shows for it.</summary>
public sealed record SshKey(string PublicKey, string Fingerprint)
{
    /// <summary>
    /// A new RSA key. EC2 fingerprints an imported RSA key as the MD5 of its DER
    /// SubjectPublicKeyInfo, in colon-separated hex.
    /// </summary>
    public static SshKey NewRsa(string comment)
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(includePrivateParameters: false);

        // RFC 4253 §6.6: string "ssh-rsa", mpint e, mpint n.
        using var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        WriteString(blob, MpInt(p.Exponent!));
        WriteString(blob, MpInt(p.Modulus!));
        var publicKey = "ssh-rsa " + Convert.ToBase64String(blob.ToArray()) + " " + comment;
        return new SshKey(publicKey, ColonHex(MD5.HashData(rsa.ExportSubjectPublicKeyInfo())));
    }

    /// <summary>
    /// The fingerprint EC2 shows for a key pair it created: the SHA-1 of the private key as
    /// PKCS#8 DER, in colon-separated hex.
    /// </summary>
    public static string CreatedKeyFingerprint(string privateKeyPem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return ColonHex(SHA1.HashData(rsa.ExportPkcs8PrivateKey()));
    }

    private static string ColonHex(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static byte[] MpInt(byte[] unsignedBigEndian)
    {
        var trimmed = unsignedBigEndian.SkipWhile(b => b == 0).ToArray();
        return trimmed.Length > 0 && trimmed[0] >= 0x80 ? [0, .. trimmed] : trimmed;
    }

    private static void WriteString(Stream stream, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
