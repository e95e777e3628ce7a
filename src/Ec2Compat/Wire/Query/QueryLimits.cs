namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// Bounds applied while parsing a Query API request, so that a hostile body costs a bounded
/// amount of memory and time before it is rejected.
/// </summary>
/// <param name="MaxBytes">Largest accepted form body or query string, in bytes.</param>
/// <param name="MaxParameters">Most name=value pairs accepted in one request.</param>
/// <param name="MaxNameLength">Longest accepted parameter name, in characters after decoding.</param>
public sealed record QueryLimits(int MaxBytes, int MaxParameters, int MaxNameLength)
{
    /// <summary>
    /// 1 MiB, 10,000 parameters, 256-character names. The longest EC2 parameter names
    /// (deeply nested launch-template overrides) stay well under 128 characters, and a
    /// RunInstances body with 16 KiB of user data is far below 1 MiB.
    /// </summary>
    public static QueryLimits Default { get; } = new(1024 * 1024, 10_000, 256);
}
