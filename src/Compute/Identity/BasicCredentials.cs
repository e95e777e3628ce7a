using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Compute;

namespace StandardsCloud.Compute.Identity;

/// <summary>
/// HTTP Basic authentication (RFC 7617) against the shared identity model. Password hashes are
/// deliberately slow, so a verified pair is remembered for a minute under a keyed hash (never the
/// password itself); a changed or wrong password misses the cache and is checked in full.
/// </summary>
public sealed class BasicCredentials(IdentityService identity, TimeProvider time)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (Actor Actor, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

    /// <summary>The caller named by an <c>Authorization: Basic</c> header, or null.</summary>
    public async Task<Actor?> AuthenticateAsync(string? authorization, string via, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 4096)
        {
            return null;
        }

        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var cacheKey = Convert.ToBase64String(HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(pair)));
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(cacheKey, out var hit) && hit.Until > now)
        {
            return hit.Actor with { Via = via };
        }

        var actor = await identity.AuthenticateAsync(pair[..colon], pair[(colon + 1)..], via, ct).ConfigureAwait(false);
        if (actor is not null)
        {
            _verified[cacheKey] = (actor, now + Remember);
        }

        return actor;
    }
}
