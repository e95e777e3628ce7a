using System.Security.Cryptography;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.KeyPairs;

/// <summary>A new key pair: the private key appears here once and is never stored.</summary>
public sealed record NewKeyPair(KeyPair KeyPair, string PrivateKeyPem);

/// <summary>Users' SSH key pairs: made here (private key shown once) or imported.</summary>
public sealed class KeyPairService(IComputeStore store, TimeProvider time)
{
    public async Task<Outcome<NewKeyPair>> CreateAsync(Actor actor, string name, CancellationToken ct)
    {
        if (NameError(name) is { } error)
        {
            return Outcome<NewKeyPair>.Fail(ComputeStatus.InvalidParameter, error);
        }

        using var rsa = RSA.Create(2048);
        var key = new KeyPair
        {
            Owner = actor.UserId,
            Name = name,
            Fingerprint = OpenSshKey.CreatedFingerprint(rsa),
            PublicKey = OpenSshKey.FromRsa(rsa.ExportParameters(false)).Line,
            KeyType = "rsa",
        };
        var stored = await StoreAsync(key, ct).ConfigureAwait(false);
        return stored.IsOk ? Outcome<NewKeyPair>.Ok(new NewKeyPair(stored.Value!, rsa.ExportRSAPrivateKeyPem())) : stored.As<NewKeyPair>();
    }

    public async Task<Outcome<KeyPair>> ImportAsync(Actor actor, string name, string publicKey, CancellationToken ct)
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
            KeyType = parsed.Type == "ssh-ed25519" ? "ed25519" : "rsa",
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

    private static string? NameError(string name) =>
        name.Length is < 1 or > 255 || name.Any(char.IsControl) ? "KeyName: 1 to 255 printable characters required" : null;
}
