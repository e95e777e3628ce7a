using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Keys;

/// <summary>
/// OpenSSH's own private key file (<c>openssh-key-v1</c>, as OpenSSH's PROTOCOL.key describes it),
/// unencrypted, for an Ed25519 key: the form EC2 returns ed25519 private keys in.
/// </summary>
public static class OpenSshPrivateKeyFile
{
    private const int LineLength = 70;
    private const int BlockSize = 8;

    /// <summary>
    /// The file for the 32-byte <paramref name="seed"/> and its 32-byte <paramref name="publicPoint"/>;
    /// <paramref name="checkInt"/> is the random number OpenSSH repeats to tell a wrong passphrase.
    /// </summary>
    public static string WriteEd25519(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicPoint, string comment, uint checkInt)
    {
        var publicBlob = new SshBlobWriter().String("ssh-ed25519").String(publicPoint).ToArray();

        // RFC 8709 keeps the private key as seed followed by public key, 64 bytes in all.
        var secret = new byte[seed.Length + publicPoint.Length];
        seed.CopyTo(secret);
        publicPoint.CopyTo(secret.AsSpan(seed.Length));
        var section = new SshBlobWriter()
            .UInt32(checkInt).UInt32(checkInt)
            .String("ssh-ed25519").String(publicPoint).String(secret)
            .String(comment);
        for (byte pad = 1; section.Length % BlockSize != 0; pad++)
        {
            section.Raw([pad]);
        }

        var file = new SshBlobWriter()
            .Raw("openssh-key-v1\0"u8)
            .String("none").String("none").String(ReadOnlySpan<byte>.Empty)
            .UInt32(1)
            .String(publicBlob)
            .String(section.ToArray())
            .ToArray();
        return Armor(file);
    }

    private static string Armor(byte[] file)
    {
        var text = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        var base64 = Convert.ToBase64String(file);
        for (var at = 0; at < base64.Length; at += LineLength)
        {
            text.Append(base64.AsSpan(at, Math.Min(LineLength, base64.Length - at))).Append('\n');
        }

        return text.Append("-----END OPENSSH PRIVATE KEY-----\n").ToString();
    }
}
