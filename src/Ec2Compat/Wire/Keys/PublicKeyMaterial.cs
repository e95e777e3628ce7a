using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Keys;

/// <summary>
/// ImportKeyPair's <c>PublicKeyMaterial</c> (once its base64 is undone) in the forms EC2 takes:
/// an OpenSSH line (RSA or ED25519), an RFC 4716 public key file (RSA), or base64 DER of an RSA
/// public key (X.509 SubjectPublicKeyInfo or PKCS#1 RSAPublicKey). Each comes out as the OpenSSH
/// line the core keeps; the key inside is checked there.
/// </summary>
public static class PublicKeyMaterial
{
    private const string Rfc4716Begin = "---- BEGIN SSH2 PUBLIC KEY ----";
    private const string Rfc4716End = "---- END SSH2 PUBLIC KEY ----";
    private const int MinRsaBits = 1024;
    private const int MaxRsaBits = 16384;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The OpenSSH line for the material, or why it is not a public key in a form EC2 takes.</summary>
    public static (string? OpenSshLine, string? Error) ToOpenSsh(ReadOnlySpan<byte> material)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(material).Trim();
        }
        catch (DecoderFallbackException)
        {
            return (null, "The key is not text: give an OpenSSH public key, an RFC 4716 public key or base64 DER");
        }

        if (text.StartsWith(Rfc4716Begin, StringComparison.Ordinal))
        {
            return FromRfc4716(text);
        }

        if (text.StartsWith("ssh-", StringComparison.Ordinal))
        {
            return (text, null);
        }

        return FromDer(text);
    }

    // RFC 4716 §3: BEGIN line, header lines (a trailing backslash continues one), base64 body, END line.
    private static (string?, string?) FromRfc4716(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines[^1].Trim() != Rfc4716End)
        {
            return (null, $"An RFC 4716 key must end with the line '{Rfc4716End}'");
        }

        var body = new StringBuilder();
        var continued = false;
        foreach (var raw in lines[1..^1])
        {
            var line = raw.Trim();
            var isHeader = continued || (body.Length == 0 && line.Contains(':', StringComparison.Ordinal));
            if (isHeader)
            {
                continued = line.EndsWith('\\');
                continue;
            }

            body.Append(line);
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(body.ToString());
        }
        catch (FormatException)
        {
            return (null, "The RFC 4716 key's body is not base64");
        }

        return KeyTypeOf(blob) switch
        {
            "ssh-rsa" => ("ssh-rsa " + Convert.ToBase64String(blob), null),
            "ssh-ed25519" => (null, "ED25519 keys are accepted in OpenSSH format only"),
            _ => (null, "The RFC 4716 key is not an ssh-rsa key"),
        };
    }

    private static (string?, string?) FromDer(string text)
    {
        byte[] der;
        try
        {
            der = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return (null, "The key is neither an OpenSSH public key, an RFC 4716 public key nor base64 DER");
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                return (null, "The DER key has bytes after its end");
            }
        }
        catch (CryptographicException)
        {
            try
            {
                rsa.ImportRSAPublicKey(der, out var read);
                if (read != der.Length)
                {
                    return (null, "The DER key has bytes after its end");
                }
            }
            catch (CryptographicException)
            {
                return (null, "The DER key is not an RSA public key (ED25519 keys are accepted in OpenSSH format only)");
            }
        }

        if (rsa.KeySize is < MinRsaBits or > MaxRsaBits)
        {
            return (null, $"RSA keys of {MinRsaBits} to {MaxRsaBits} bits are accepted; this one has {rsa.KeySize}");
        }

        var key = rsa.ExportParameters(false);
        var blob = new SshBlobWriter().String("ssh-rsa").MpInt(key.Exponent).MpInt(key.Modulus).ToArray();
        return ("ssh-rsa " + Convert.ToBase64String(blob), null);
    }

    private static string? KeyTypeOf(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return length <= blob.Length - 4 ? Encoding.ASCII.GetString(blob.Slice(4, (int)length)) : null;
    }
}
