using System.Security.Cryptography;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Identity;

/// <summary>A new access key pair; the secret appears here once and is never shown again.</summary>
public sealed record NewAccessKey(string AccessKeyId, string SecretAccessKey, string Owner, DateTimeOffset CreatedAt);

/// <summary>An access key's secret, for verifying a request signature.</summary>
public sealed record SigningKey(string AccessKeyId, string Owner, bool OwnerIsAdmin, string Secret);

/// <summary>Users, passwords and access keys: the identity every protocol shares.</summary>
public sealed class IdentityService(IComputeStore store, SecretBox secrets, TimeProvider time)
{
    /// <summary>How long a signing key found is used without reading it again.</summary>
    public static readonly TimeSpan SigningKeyMemory = TimeSpan.FromSeconds(30);

    private const int MaxRememberedKeys = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (SigningKey Key, DateTimeOffset Until)> _signingKeys = new(StringComparer.Ordinal);

    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public async Task<Outcome<User>> CreateUserAsync(Actor actor, string name, string password, bool isAdmin, Quota? quota, CancellationToken ct)
    {
        if (!actor.IsAdmin)
        {
            return Outcome<User>.Fail(ComputeStatus.Forbidden, "only administrators create users");
        }

        if (!IsValidName(name))
        {
            return Outcome<User>.Fail(ComputeStatus.InvalidParameter,
                $"name: '{name}' must be 1 to 64 characters of letters, digits, '.', '_', '@' or '-'");
        }

        if (password.Length < 8 || password.Length > 1024)
        {
            return Outcome<User>.Fail(ComputeStatus.InvalidParameter, "password: 8 to 1024 characters required");
        }

        await using var session = store.OpenSession();
        if (await session.LoadAsync<User>(name, ct).ConfigureAwait(false) is not null)
        {
            return Outcome<User>.Fail(ComputeStatus.Duplicate, $"user '{name}' exists");
        }

        var user = new User
        {
            Id = name,
            IsAdmin = isAdmin,
            PasswordHash = PasswordHasher.Hash(password),
            Quota = quota ?? Quota.Unset,
            CreatedAt = time.GetUtcNow(),
        };
        session.Store(user);
        session.Record(ResourceStreams.User(name), new UserCreated(EventContext.Of(actor, time), isAdmin));
        if (quota is not null)
        {
            session.Record(ResourceStreams.User(name), new UserQuotaChanged(EventContext.Of(actor, time), quota.Instances, quota.Cpus, quota.MemoryMiB, quota.VolumeGiB, quota.Snapshots));
        }

        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<User>.Ok(user);
    }

    /// <summary>Creates the first administrator if no user exists yet; null when users already exist.</summary>
    public async Task<User?> BootstrapAdminAsync(string name, string password, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        if ((await session.ListAsync<User>(ct).ConfigureAwait(false)).Count > 0)
        {
            return null;
        }

        var created = await CreateUserAsync(Actor.Core("bootstrap"), name, password, isAdmin: true, quota: null, ct).ConfigureAwait(false);
        return created.Value;
    }

    /// <summary>The actor for a user name and password, or null when either is wrong.</summary>
    public async Task<Actor?> AuthenticateAsync(string name, string password, string via, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var user = await session.LoadAsync<User>(name, ct).ConfigureAwait(false);
        if (user is null)
        {
            // Spend the same time as a real check, so timing does not tell which names exist.
            PasswordHasher.Verify(password, DummyHash);
            return null;
        }

        return PasswordHasher.Verify(password, user.PasswordHash) ? new Actor(user.Id, user.IsAdmin, via) : null;
    }

    public async Task<IReadOnlyList<User>> ListUsersAsync(Actor actor, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var users = await session.ListAsync<User>(ct).ConfigureAwait(false);
        return [.. users.Where(u => actor.MayAccess(u.Id)).OrderBy(u => u.Id, StringComparer.Ordinal)];
    }

    public async Task<Outcome<User>> SetQuotaAsync(Actor actor, string name, Quota quota, CancellationToken ct)
    {
        if (!actor.IsAdmin)
        {
            return Outcome<User>.Fail(ComputeStatus.Forbidden, "only administrators set quotas");
        }

        await using var session = store.OpenSession();
        var user = await session.LoadAsync<User>(name, ct).ConfigureAwait(false);
        if (user is null)
        {
            return Outcome<User>.Fail(ComputeStatus.NotFound, $"user '{name}' does not exist");
        }

        user.Quota = quota;
        session.Store(user);
        session.Record(ResourceStreams.User(name), new UserQuotaChanged(EventContext.Of(actor, time), quota.Instances, quota.Cpus, quota.MemoryMiB, quota.VolumeGiB, quota.Snapshots));
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<User>.Ok(user);
    }

    public async Task<Outcome<NewAccessKey>> CreateAccessKeyAsync(Actor actor, string owner, CancellationToken ct)
    {
        if (!actor.MayAccess(owner))
        {
            return Outcome<NewAccessKey>.Fail(ComputeStatus.Forbidden, "users create access keys for themselves only");
        }

        await using var session = store.OpenSession();
        if (await session.LoadAsync<User>(owner, ct).ConfigureAwait(false) is null)
        {
            return Outcome<NewAccessKey>.Fail(ComputeStatus.NotFound, $"user '{owner}' does not exist");
        }

        var id = "AKIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16);
        var secret = RandomNumberGenerator.GetString(SecretAlphabet, 40);
        var key = new AccessKey { Id = id, Owner = owner, SealedSecret = secrets.Seal(secret), CreatedAt = time.GetUtcNow() };
        session.Store(key);
        session.Record(ResourceStreams.User(owner), new AccessKeyCreated(EventContext.Of(actor, time), id));
        await session.SaveAsync(ct).ConfigureAwait(false);
        return Outcome<NewAccessKey>.Ok(new NewAccessKey(id, secret, owner, key.CreatedAt));
    }

    /// <summary>An owner's access keys, without secrets.</summary>
    public async Task<Outcome<IReadOnlyList<AccessKey>>> ListAccessKeysAsync(Actor actor, string owner, CancellationToken ct)
    {
        if (!actor.MayAccess(owner))
        {
            return Outcome<IReadOnlyList<AccessKey>>.Fail(ComputeStatus.NotFound, $"user '{owner}' does not exist");
        }

        await using var session = store.OpenSession();
        var keys = await session.ListAsync<AccessKey>(ct).ConfigureAwait(false);
        return Outcome<IReadOnlyList<AccessKey>>.Ok([.. keys.Where(k => k.Owner == owner).OrderBy(k => k.CreatedAt)]);
    }

    public async Task<Outcome<bool>> DeleteAccessKeyAsync(Actor actor, string accessKeyId, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var key = await session.LoadAsync<AccessKey>(accessKeyId, ct).ConfigureAwait(false);
        if (key is null || !actor.MayAccess(key.Owner))
        {
            return Outcome<bool>.Fail(ComputeStatus.NotFound, $"access key {accessKeyId} does not exist");
        }

        key.Active = false;
        session.Store(key);
        session.Record(ResourceStreams.User(key.Owner), new AccessKeyRevoked(EventContext.Of(actor, time), key.Id));
        await session.SaveAsync(ct).ConfigureAwait(false);
        _signingKeys.TryRemove(accessKeyId, out _);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Every change of a user: creation, quotas, access keys.</summary>
    public async Task<Outcome<IReadOnlyList<HistoryEntry>>> HistoryAsync(Actor actor, string name, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        if (!actor.MayAccess(name) || await session.LoadAsync<User>(name, ct).ConfigureAwait(false) is null)
        {
            return Outcome<IReadOnlyList<HistoryEntry>>.Fail(ComputeStatus.NotFound, $"user '{name}' does not exist");
        }

        return Outcome<IReadOnlyList<HistoryEntry>>.Ok(await session.ResourceHistoryAsync(ResourceStreams.User(name), ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The secret of an active access key, for signature checks; null when unknown or revoked.
    /// Keys found are remembered for <see cref="SigningKeyMemory"/>: a revocation takes effect at
    /// once on this server and within that time on the site's other replicas.
    /// </summary>
    public async Task<SigningKey?> FindSigningKeyAsync(string accessKeyId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_signingKeys.TryGetValue(accessKeyId, out var known) && known.Until > now)
        {
            return known.Key;
        }

        await using var session = store.OpenSession();
        var key = await session.LoadAsync<AccessKey>(accessKeyId, ct).ConfigureAwait(false);
        if (key is not { Active: true } || secrets.Open(key.SealedSecret) is not { } secret)
        {
            return null;
        }

        var user = await session.LoadAsync<User>(key.Owner, ct).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        if (_signingKeys.Count >= MaxRememberedKeys)
        {
            _signingKeys.Clear();
        }

        var found = new SigningKey(key.Id, key.Owner, user.IsAdmin, secret);
        _signingKeys[accessKeyId] = (found, now + SigningKeyMemory);
        return found;
    }

    private static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');

    private static readonly string DummyHash = PasswordHasher.Hash("not a password of anyone");
}
