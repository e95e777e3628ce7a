using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Keys;

/// <summary>
/// PuTTY's private key file, version 2 (<c>PuTTY-User-Key-File-2</c>), unencrypted: every PuTTY
/// release since 0.52 reads it (ed25519 since 0.68). Layout and MAC as PuTTY's sshpubk.c writes them.
/// </summary>
public static class PuttyKeyFile
{
    private const int LineLength = 64;

    /// <summary>The file for a key: its algorithm name, public blob (RFC 4253 §6.6) and PuTTY private blob.</summary>
    public static string Write(string algorithm, byte[] publicBlob, byte[] privateBlob, string comment)
    {
        const string encryption = "none";
        var text = new StringBuilder()
            .Append("PuTTY-User-Key-File-2: ").Append(algorithm).Append('\n')
            .Append("Encryption: ").Append(encryption).Append('\n')
            .Append("Comment: ").Append(comment).Append('\n');
        AppendLines(text, "Public-Lines", publicBlob);
        AppendLines(text, "Private-Lines", privateBlob);

        // The MAC covers every field; with no passphrase its key is SHA-1 of the fixed label alone.
        var macKey = SHA1.HashData("putty-private-key-file-mac-key"u8);
        var covered = new SshBlobWriter()
            .String(algorithm).String(encryption).String(comment).String(publicBlob).String(privateBlob)
            .ToArray();
        var mac = Convert.ToHexStringLower(HMACSHA1.HashData(macKey, covered));
        return text.Append("Private-MAC: ").Append(mac).Append('\n').ToString();
    }

    /// <summary>PuTTY's private blob of an RSA key: d, p, q and q⁻¹ mod p as mpints.</summary>
    public static byte[] RsaPrivateBlob(RSAParameters key) =>
        new SshBlobWriter().MpInt(key.D).MpInt(key.P).MpInt(key.Q).MpInt(key.InverseQ).ToArray();

    /// <summary>PuTTY's private blob of an Ed25519 key: the 32-byte seed, read by PuTTY as a little-endian integer.</summary>
    public static byte[] Ed25519PrivateBlob(ReadOnlySpan<byte> seed) => new SshBlobWriter().String(seed).ToArray();

    private static void AppendLines(StringBuilder text, string header, byte[] blob)
    {
        var base64 = Convert.ToBase64String(blob);
        var lines = (base64.Length + LineLength - 1) / LineLength;
        text.Append(header).Append(": ").Append(lines.ToString(CultureInfo.InvariantCulture)).Append('\n');
        for (var at = 0; at < base64.Length; at += LineLength)
        {
            text.Append(base64.AsSpan(at, Math.Min(LineLength, base64.Length - at))).Append('\n');
        }
    }
}
