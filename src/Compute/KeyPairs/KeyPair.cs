namespace StandardsCloud.Compute.KeyPairs;

/// <summary>An SSH public key a user has named, for the instances it launches.</summary>
public sealed class KeyPair : Tags.ITagged
{
    /// <summary><c>owner/name</c>: names are unique per owner only.</summary>
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public string Name { get; set; } = "";
    public string KeyPairId { get; set; } = "";

    /// <summary>As EC2 shows it: SHA-1 of the private key for keys made here, MD5 (RSA) or SHA-256 (ED25519) of the public key for imported ones.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>The public key as one OpenSSH line (<c>ssh-rsa AAAA…</c>).</summary>
    public string PublicKey { get; set; } = "";
    public string KeyType { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    string Tags.ITagged.ResourceId => KeyPairId;

    public static string IdOf(string owner, string name) => owner + "/" + name;
}
