namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// The SigV4 credential scope a request was signed for: <c>date/region/service/aws4_request</c>.
/// </summary>
/// <param name="Date">The UTC day the signing key was derived for.</param>
/// <param name="Region">The region the client addressed.</param>
/// <param name="Service">The service the client addressed, <c>ec2</c> here.</param>
public sealed record CredentialScope(DateOnly Date, string Region, string Service);
