using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Compute.KeyPairs;

/// <summary>
/// OpenSSH public keys (RFC 4253 §6.6 for ssh-rsa, RFC 8709 for ssh-ed25519): parsing, writing,
/// and the fingerprints EC2 shows for them.
/// </summary>
public sealed record OpenSshKey(string Type, byte[] Blob)
{
    private const int MaxLineLength = 16 * 1024;

    /// <summary>Reads <c>type base64 [comment]</c>; null with a reason when it is not an RSA or ED25519 key.</summary>
    public static (OpenSshKey? Key, string? Error) Parse(string line)
    {
        if (line.Length > MaxLineLength)
        {
            return (null, $"the key is longer than {MaxLineLength} characters");
        }

        var parts = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] is not ("ssh-rsa" or "ssh-ed25519"))
        {
            return (null, "the key must be an OpenSSH public key of type ssh-rsa or ssh-ed25519");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return (null, "the key's data is not base64");
        }

        var fields = Fields(blob);
        var valid = fields is not null && fields.Count >= 2 && Encoding.ASCII.GetString(fields[0]) == parts[0]
            && (parts[0] == "ssh-ed25519" ? fields.Count == 2 && fields[1].Length == 32 : fields.Count == 3 && fields[2].Length >= 128);
        return valid ? (new OpenSshKey(parts[0], blob), null) : (null, $"the key's data is not a valid {parts[0]} key");
    }

    /// <summary>The OpenSSH form of an RSA public key.</summary>
    public static OpenSshKey FromRsa(RSAParameters key)
    {
        using var blob = new MemoryStream();
        Write(blob, "ssh-rsa"u8);
        Write(blob, MpInt(key.Exponent!));
        Write(blob, MpInt(key.Modulus!));
        return new OpenSshKey("ssh-rsa", blob.ToArray());
    }

    /// <summary>The OpenSSH form of an Ed25519 public key (RFC 8709 §4).</summary>
    public static OpenSshKey FromEd25519(byte[] publicPoint)
    {
        using var blob = new MemoryStream();
        Write(blob, "ssh-ed25519"u8);
        Write(blob, publicPoint);
        return new OpenSshKey("ssh-ed25519", blob.ToArray());
    }

    public string Line => Type + " " + Convert.ToBase64String(Blob);

    /// <summary><c>rsa</c> or <c>ed25519</c>, as EC2 names the key's type.</summary>
    public string KeyType => Type == "ssh-ed25519" ? KeyTypes.Ed25519 : KeyTypes.Rsa;

    /// <summary>EC2's fingerprint of an imported key: MD5 of the DER public key (RSA), base64 SHA-256 of the key (ED25519).</summary>
    public string ImportedFingerprint()
    {
        if (Type == "ssh-ed25519")
        {
            return Sha256Fingerprint();
        }

        var fields = Fields(Blob)!;
        using var rsa = RSA.Create(new RSAParameters { Exponent = Unsigned(fields[1]), Modulus = Unsigned(fields[2]) });
        return Colons(MD5.HashData(rsa.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Base64 SHA-256 of the key blob: EC2's fingerprint of every ED25519 key, made here or imported.</summary>
    public string Sha256Fingerprint() => Convert.ToBase64String(SHA256.HashData(Blob));

    /// <summary>EC2's fingerprint of an RSA key it made: SHA-1 of the private key in PKCS#8 DER.</summary>
    public static string CreatedFingerprint(RSA key) => Colons(SHA1.HashData(key.ExportPkcs8PrivateKey()));

    private static string Colons(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static List<byte[]>? Fields(byte[] blob)
    {
        var fields = new List<byte[]>();
        var rest = blob.AsSpan();
        while (rest.Length > 0)
        {
            if (rest.Length < 4)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(rest);
            if (length > rest.Length - 4)
            {
                return null;
            }

            fields.Add(rest.Slice(4, (int)length).ToArray());
            rest = rest[(4 + (int)length)..];
        }

        return fields;
    }

    private static byte[] Unsigned(byte[] mpint) => mpint.Length > 1 && mpint[0] == 0 ? mpint[1..] : mpint;

    private static byte[] MpInt(byte[] unsigned) => unsigned.Length > 0 && (unsigned[0] & 0x80) != 0 ? [0, .. unsigned] : unsigned;

    private static void Write(Stream stream, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
        stream.Write(length);
        stream.Write(field);
    }
}
