namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>Why a request's signature was not accepted; the HTTP layer maps each kind to an EC2 error code.</summary>
public enum SignatureFailureKind
{
    /// <summary>The request carries no signature of any supported scheme.</summary>
    Missing,

    /// <summary>The signature parts are present but unreadable: bad Authorization header, bad date, unknown algorithm.</summary>
    Malformed,

    /// <summary>The access key id is not known to the site.</summary>
    UnknownKey,

    /// <summary>The request's time is too far from the server's clock, or its validity period has passed.</summary>
    Expired,

    /// <summary>The SigV4 credential scope names a region other than the site's.</summary>
    WrongRegion,

    /// <summary>The SigV4 credential scope names a service other than EC2.</summary>
    WrongService,

    /// <summary>The signature does not match the request as received.</summary>
    Mismatch,
}
