using System.Security.Cryptography;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.KeyPairs;

/// <summary>A new key pair: the private key appears here once and is never stored.</summary>
public sealed record NewKeyPair(KeyPair KeyPair, PrivateKey PrivateKey);

/// <summary>Users' SSH key pairs: made here (private key shown once) or imported.</summary>
public sealed class KeyPairService(IComputeStore store, TimeProvider time, IEd25519Generator? ed25519 = null)
{
    /// <summary>Makes a key pair of <paramref name="keyType"/> (<see cref="KeyTypes"/>) with the tags given.</summary>
    public async Task<Outcome<NewKeyPair>> CreateAsync(
        Actor actor, string name, string keyType, IReadOnlyDictionary<string, string>? tags, CancellationToken ct)
    {
        if (NameError(name) is { } error)
        {
            return Outcome<NewKeyPair>.Fail(ComputeStatus.InvalidParameter, error);
        }

        PrivateKey privateKey;
        string fingerprint;
        switch (keyType)
        {
            case KeyTypes.Rsa:
                using (var rsa = RSA.Create(2048))
                {
                    privateKey = new RsaPrivateKey(rsa.ExportParameters(true));
                    fingerprint = OpenSshKey.CreatedFingerprint(rsa);
                }

                break;
            case KeyTypes.Ed25519 when ed25519 is not null:
                privateKey = ed25519.Generate();
                fingerprint = privateKey.Public.Sha256Fingerprint();
                break;
            case KeyTypes.Ed25519:
                return Outcome<NewKeyPair>.Fail(ComputeStatus.InvalidParameter, "This site cannot make ed25519 keys; import one instead.");
            default:
                return Outcome<NewKeyPair>.Fail(ComputeStatus.InvalidParameter, $"Unknown key type '{keyType}'.");
        }

        var stored = await StoreAsync(new KeyPair
        {
            Owner = actor.UserId,
            Name = name,
            Fingerprint = fingerprint,
            PublicKey = privateKey.Public.Line,
            KeyType = keyType,
            Tags = Copy(tags),
        }, ct).ConfigureAwait(false);
        return stored.IsOk ? Outcome<NewKeyPair>.Ok(new NewKeyPair(stored.Value!, privateKey)) : stored.As<NewKeyPair>();
    }

    /// <summary>Stores an OpenSSH public key (<c>ssh-rsa</c> or <c>ssh-ed25519</c> line) under a name, with the tags given.</summary>
    public async Task<Outcome<KeyPair>> ImportAsync(
        Actor actor, string name, string publicKey, IReadOnlyDictionary<string, string>? tags, CancellationToken ct)
    {
        if (NameError(name) is { } error)
        {
            return Outcome<KeyPair>.Fail(ComputeStatus.InvalidParameter, error);
        }

        var (parsed, problem) = OpenSshKey.Parse(publicKey);
        if (parsed is null)
        {
            return Outcome<KeyPair>.Fail(ComputeStatus.InvalidParameter, problem!);
        }

        return await StoreAsync(new KeyPair
        {
            Owner = actor.UserId,
            Name = name,
            Fingerprint = parsed.ImportedFingerprint(),
            PublicKey = parsed.Line,
            KeyType = parsed.KeyType,
            Tags = Copy(tags),
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The caller's own key pairs.</summary>
    public async Task<IReadOnlyList<KeyPair>> ListAsync(Actor actor, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var all = await session.ListAsync<KeyPair>(ct).ConfigureAwait(false);
        return [.. all.Where(k => k.Owner == actor.UserId).OrderBy(k => k.Name, StringComparer.Ordinal)];
    }

    public async Task<KeyPair?> FindAsync(Actor actor, string name, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        return await session.LoadAsync<KeyPair>(KeyPair.IdOf(actor.UserId, name), ct).ConfigureAwait(false);
    }

    /// <summary>The caller's key pair with that key pair id (<c>key-…</c>); another owner's is never found.</summary>
    public async Task<KeyPair?> FindByKeyPairIdAsync(Actor actor, string keyPairId, CancellationToken ct)
    {
        var owner = actor.UserId;
        await using var session = store.OpenSession();
        var found = await session.QueryAsync<KeyPair>(k => k.KeyPairId == keyPairId && k.Owner == owner, ct).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    /// <summary>Deletes the caller's key pair; deleting one that does not exist succeeds, as in EC2.</summary>
    public async Task DeleteAsync(Actor actor, string name, CancellationToken ct)
    {
        await using var session = store.OpenSession();
        session.Delete<KeyPair>(KeyPair.IdOf(actor.UserId, name));
        await session.SaveAsync(ct).ConfigureAwait(false);
    }

    private async Task<Outcome<KeyPair>> StoreAsync(KeyPair key, CancellationToken ct)
    {
        key.Id = KeyPair.IdOf(key.Owner, key.Name);
        key.KeyPairId = ResourceIds.NewKeyPairId();
        key.CreatedAt = time.GetUtcNow();
        await using var session = store.OpenSession();
        if (await session.LoadAsync<KeyPair>(key.Id, ct).ConfigureAwait(false) is not null)
        {
            return Outcome<KeyPair>.Fail(ComputeStatus.Duplicate, $"The keypair '{key.Name}' already exists.");
        }

        session.Insert(key);
        return await session.SaveAsync(ct).ConfigureAwait(false) == ComputeStatus.Ok
            ? Outcome<KeyPair>.Ok(key)
            : Outcome<KeyPair>.Fail(ComputeStatus.Duplicate, $"The keypair '{key.Name}' already exists.");
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string>? tags) =>
        tags is null ? new(StringComparer.Ordinal) : new(tags, StringComparer.Ordinal);

    /// <summary>Why a key pair may not have this name, or null.</summary>
    public static string? NameError(string name) =>
        name.Length is < 1 or > 255 || name.Any(char.IsControl) ? "KeyName: 1 to 255 printable characters required" : null;
}
