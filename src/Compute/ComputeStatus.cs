namespace StandardsCloud.Compute;

/// <summary>
/// What a core call came to. Front-ends turn each value into their own protocol's error;
/// the core never throws for a refused request.
/// </summary>
public enum ComputeStatus
{
    Ok,
    NotFound,
    /// <summary>The caller may not see or touch the resource, or lacks the role.</summary>
    Forbidden,
    /// <summary>A parameter is missing or has a value outside what is allowed.</summary>
    InvalidParameter,
    /// <summary>The resource exists but its state does not allow the request.</summary>
    IncorrectState,
    /// <summary>The request would exceed the owner's quota.</summary>
    QuotaExceeded,
    /// <summary>A resource with that name or identifier already exists.</summary>
    Duplicate,
    /// <summary>Another writer changed the resource first; the caller may retry.</summary>
    Conflict,
    /// <summary>The owner has protected the resource against this request.</summary>
    NotPermitted,
    /// <summary>Credentials are missing or wrong.</summary>
    Unauthenticated,
}

/// <summary>Which of an owner's limits a <see cref="ComputeStatus.QuotaExceeded"/> refusal met, so front-ends name it without reading the reason.</summary>
public enum QuotaKind
{
    Instances,
    Cpus,
    Memory,
    /// <summary>The site's private network has no free address left for another instance.</summary>
    PrivateAddresses,
    /// <summary>The site's pool of public addresses has none free (or is empty).</summary>
    PublicAddresses,
    VolumeGiB,
    Snapshots,
}

/// <summary>A status with a human-readable reason and, on success, a value.</summary>
public readonly record struct Outcome<T>(ComputeStatus Status, T? Value, string? Reason)
{
    public bool IsOk => Status == ComputeStatus.Ok;

    /// <summary>The limit met, on a <see cref="ComputeStatus.QuotaExceeded"/> refusal that names one.</summary>
    public QuotaKind? Quota { get; init; }

    public static Outcome<T> Ok(T value) => new(ComputeStatus.Ok, value, null);

    public static Outcome<T> Fail(ComputeStatus status, string reason) => new(status, default, reason);

    /// <summary>A refusal because the owner's <paramref name="quota"/> is reached.</summary>
    public static Outcome<T> OverQuota(QuotaKind quota, string reason) => new(ComputeStatus.QuotaExceeded, default, reason) { Quota = quota };

    /// <summary>Carries a failure of another type over unchanged.</summary>
    public Outcome<TOther> As<TOther>() => new(Status, default, Reason) { Quota = Quota };
}
