namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>How a request was signed.</summary>
public enum SignatureScheme
{
    /// <summary>AWS Signature Version 2 in query or form parameters.</summary>
    SigV2,

    /// <summary>AWS Signature Version 4 in the Authorization header.</summary>
    SigV4Header,

    /// <summary>AWS Signature Version 4 in presigned query parameters.</summary>
    SigV4Query,
}
