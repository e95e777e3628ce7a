namespace StandardsCloud.Compute.Identity;

/// <summary>
/// A person or service using the cloud. The same user signs EC2 requests with access keys, OCCI and
/// CDMI requests with a password, and owns every resource it creates.
/// </summary>
public sealed class User
{
    /// <summary>The user name; unique and unchanging.</summary>
    public string Id { get; set; } = "";
    public bool IsAdmin { get; set; }

    /// <summary>PBKDF2 hash in <see cref="PasswordHasher"/>'s format; the password is never stored.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Limits; null fields take the site default, administrators are unlimited unless set.</summary>
    public Quota Quota { get; set; } = Quota.Unset;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Per-user limits on what may be in use at once. Null means "no limit of this kind".</summary>
/// <param name="VolumeGiB">Total size of the user's volumes, in GiB.</param>
/// <param name="Snapshots">How many volume snapshots the user keeps (a count, as OpenStack's <c>snapshots</c> quota and EC2's snapshots-per-region limit).</param>
public sealed record Quota(int? Instances, int? Cpus, long? MemoryMiB, long? VolumeGiB = null, int? Snapshots = null)
{
    public static Quota Unset { get; } = new(null, null, null);

    /// <summary>The site default for users who have no quota of their own.</summary>
    public static Quota SiteDefault { get; } = new(20, 40, 81920, 500, 100);
}

/// <summary>
/// An EC2-style access key pair. The secret is the HMAC key of request signatures, so the core
/// must be able to read it back: it is stored encrypted (see <see cref="SecretBox"/>), and shown
/// to its owner once, on creation.
/// </summary>
public sealed class AccessKey
{
    /// <summary>The access key id (<c>AKIA…</c>).</summary>
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";

    /// <summary>The secret, sealed by the site's key.</summary>
    public string SealedSecret { get; set; } = "";
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
