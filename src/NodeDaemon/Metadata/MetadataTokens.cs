using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;

namespace StandardsCloud.NodeDaemon.Metadata;

/// <summary>
/// IMDSv2 session tokens. A token carries its expiry and an HMAC-SHA256, under a key this node drew
/// at random when it started, of that expiry and the caller's address: it is valid only from the
/// address it was issued to and only until it expires, and nothing about it is stored. A restart
/// draws a new key, so guests ask again, as they do when a token expires.
/// </summary>
public sealed class MetadataTokens(TimeProvider time)
{
    /// <summary>Longest lifetime a guest may ask for: six hours.</summary>
    public const int MaxTtlSeconds = 21600;

    private const int ExpiryBytes = sizeof(long);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>A token for <paramref name="caller"/>, valid for <paramref name="ttlSeconds"/> from now.</summary>
    public string Issue(IPAddress caller, int ttlSeconds)
    {
        var expiry = time.GetUtcNow().ToUnixTimeSeconds() + ttlSeconds;
        var token = new byte[ExpiryBytes + HMACSHA256.HashSizeInBytes];
        BinaryPrimitives.WriteInt64BigEndian(token, expiry);
        Sign(expiry, caller, token.AsSpan(ExpiryBytes));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>True when <paramref name="token"/> was issued to <paramref name="caller"/> by this node and has not expired.</summary>
    public bool IsValid(string token, IPAddress caller)
    {
        var bytes = new byte[ExpiryBytes + HMACSHA256.HashSizeInBytes];
        if (token.Length != Base64Url.GetEncodedLength(bytes.Length)
            || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != bytes.Length)
        {
            return false;
        }

        var expiry = BinaryPrimitives.ReadInt64BigEndian(bytes);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Sign(expiry, caller, expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(ExpiryBytes))
            && time.GetUtcNow().ToUnixTimeSeconds() < expiry;
    }

    private void Sign(long expiry, IPAddress caller, Span<byte> destination)
    {
        var address = Normalise(caller).GetAddressBytes();
        var message = new byte[ExpiryBytes + address.Length];
        BinaryPrimitives.WriteInt64BigEndian(message, expiry);
        address.CopyTo(message, ExpiryBytes);
        HMACSHA256.HashData(_key, message, destination);
    }

    /// <summary>An IPv4 caller seen through a dual-stack socket is the same caller.</summary>
    internal static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
