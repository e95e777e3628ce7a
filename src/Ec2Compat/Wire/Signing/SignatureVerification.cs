using System.Diagnostics.CodeAnalysis;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// The outcome of checking a request's signature: either authentic, naming the caller's access key,
/// or rejected with a kind and a message that says what is wrong. Bad input never throws.
/// </summary>
public sealed record SignatureVerification
{
    private SignatureVerification(
        SignatureFailureKind? failure,
        string message,
        SignatureScheme? scheme,
        string? accessKeyId,
        CredentialScope? scope)
    {
        Failure = failure;
        Message = message;
        Scheme = scheme;
        AccessKeyId = accessKeyId;
        Scope = scope;
    }

    /// <summary>Whether the signature was checked and matches.</summary>
    [MemberNotNullWhen(true, nameof(AccessKeyId), nameof(Scheme))]
    public bool IsAuthentic => Failure is null;

    /// <summary>Why the request was rejected; <see langword="null"/> when authentic.</summary>
    public SignatureFailureKind? Failure { get; }

    /// <summary>A readable account of the outcome, fit for an error response.</summary>
    public string Message { get; }

    /// <summary>The scheme the request used, when one was recognised.</summary>
    public SignatureScheme? Scheme { get; }

    /// <summary>The access key id the request claims; set on success and whenever it could be read.</summary>
    public string? AccessKeyId { get; }

    /// <summary>The SigV4 credential scope; <see langword="null"/> for SigV2 or when it could not be read.</summary>
    public CredentialScope? Scope { get; }

    internal static SignatureVerification Authentic(SignatureScheme scheme, string accessKeyId, CredentialScope? scope) =>
        new(null, "The request signature is valid.", scheme, accessKeyId, scope);

    internal static SignatureVerification Rejected(
        SignatureFailureKind failure,
        string message,
        SignatureScheme? scheme = null,
        string? accessKeyId = null,
        CredentialScope? scope = null) =>
        new(failure, message, scheme, accessKeyId, scope);
}
