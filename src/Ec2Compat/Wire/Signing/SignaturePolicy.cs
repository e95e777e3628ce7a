namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>What this site accepts from a signed request.</summary>
public sealed record SignaturePolicy
{
    /// <summary>The region a SigV4 credential scope must name.</summary>
    public string Region { get; init; } = "RegionOne";

    /// <summary>The service a SigV4 credential scope must name.</summary>
    public string Service { get; init; } = "ec2";

    /// <summary>How far a request's timestamp may be from the server's clock; AWS allows 15 minutes.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest X-Amz-Expires a presigned request may ask for; SigV4 caps it at seven days.</summary>
    public TimeSpan MaxPresignedLifetime { get; init; } = TimeSpan.FromDays(7);
}
