using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Compute.Identity;

/// <summary>
/// Seals secrets that must be read back (access key secrets are HMAC keys) with AES-256-GCM under
/// the site's key, so a copy of the database alone does not give them away.
/// Sealed form: base64(nonce ‖ tag ‖ ciphertext).
/// </summary>
public sealed class SecretBox
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("the site key must be 32 bytes", nameof(key));
        }

        _key = key;
    }

    public string Seal(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a sealed secret; null when it was not sealed with this key or was altered.</summary>
    public string? Open(string sealedSecret)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedSecret);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes + TagBytes), bytes.AsSpan(NonceBytes, TagBytes), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }
}
