using System.Globalization;
using System.Security.Cryptography;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>Checks an AWS Signature Version 4 (AWS4-HMAC-SHA256), header or presigned form.</summary>
internal sealed class SigV4Verifier(
    Func<string, CancellationToken, ValueTask<string?>> secretLookup,
    TimeProvider clock,
    SignaturePolicy policy)
{
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public async ValueTask<SignatureVerification> VerifyAsync(
        SignedRequest request,
        IReadOnlyList<FormField> query,
        SigV4Authorization authorization,
        CancellationToken cancellationToken)
    {
        var scheme = authorization.IsPresigned ? SignatureScheme.SigV4Query : SignatureScheme.SigV4Header;
        var keyId = authorization.AccessKeyId;
        var scope = authorization.Scope;
        SignatureVerification Reject(SignatureFailureKind kind, string message) =>
            SignatureVerification.Rejected(kind, message, scheme, keyId, scope);

        // Region names are compared without case: the AWS SDK for .NET lower-cases the one it signs for.
        if (!string.Equals(scope.Region, policy.Region, StringComparison.OrdinalIgnoreCase))
        {
            return Reject(
                SignatureFailureKind.WrongRegion,
                $"Credential should be scoped to region '{policy.Region}', not '{ClientText.Echo(scope.Region)}'.");
        }

        if (!string.Equals(scope.Service, policy.Service, StringComparison.Ordinal))
        {
            return Reject(
                SignatureFailureKind.WrongService,
                $"Credential should be scoped to service '{policy.Service}', not '{ClientText.Echo(scope.Service)}'.");
        }

        var timeProblem = CheckTime(authorization);
        if (timeProblem is not null)
        {
            return Reject(SignatureFailureKind.Expired, timeProblem);
        }

        var payloadHashes = PayloadHashes(request, authorization, out var payloadProblem);
        if (payloadProblem is not null)
        {
            return Reject(payloadProblem.Value.Kind, payloadProblem.Value.Message);
        }

        var secret = await secretLookup(keyId, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return Reject(SignatureFailureKind.UnknownKey, $"The access key id '{ClientText.Echo(keyId)}' is not known.");
        }

        // Every candidate is compared, so timing does not reveal which payload form matched.
        var matched = false;
        foreach (var payloadHash in payloadHashes)
        {
            var canonical = SigV4CanonicalRequest.Build(request, query, authorization, payloadHash, out var missingHeader);
            if (canonical is null)
            {
                return Reject(
                    SignatureFailureKind.Malformed,
                    $"The signed header '{ClientText.Echo(missingHeader ?? "")}' is not present in the request.");
            }

            var expected = SigV4Signature.Compute(secret, authorization, SigV4Signature.StringToSign(authorization, canonical));
            matched |= CryptographicOperations.FixedTimeEquals(expected, authorization.Signature);
        }

        return matched
            ? SignatureVerification.Authentic(scheme, keyId, scope)
            : Reject(
                SignatureFailureKind.Mismatch,
                "The request signature we calculated does not match the signature you provided. "
                + "Check your secret access key and signing method.");
    }

    /// <summary>
    /// A header-signed request must be within the allowed skew of the server's clock either way.
    /// A presigned one may be used until X-Amz-Date plus X-Amz-Expires, but not before it was signed
    /// (allowing for skew).
    /// </summary>
    private string? CheckTime(SigV4Authorization authorization)
    {
        var now = clock.GetUtcNow();
        var signedAt = authorization.Timestamp;
        var skew = policy.MaxClockSkew;
        var shown = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        if (signedAt - now > skew)
        {
            return $"Request date {authorization.AmzDate} is later than the server's clock ({shown}) by more than {skew.TotalMinutes:0} minutes.";
        }

        if (authorization.Expires is { } lifetime)
        {
            var expiresAt = signedAt + lifetime;
            return now > expiresAt
                ? $"The presigned request expired at {expiresAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}; the server's clock is {shown}."
                : null;
        }

        return now - signedAt > skew
            ? $"Request date {authorization.AmzDate} is earlier than the server's clock ({shown}) by more than {skew.TotalMinutes:0} minutes."
            : null;
    }

    /// <summary>
    /// SigV4, canonical request step 6: the hex SHA-256 of the body as received. When the client
    /// declared X-Amz-Content-Sha256 it signed that value, which must then match the body. The
    /// UNSIGNED-PAYLOAD marker is accepted only for an empty body, so no unsigned bytes can slip in;
    /// a presigned request without the header may have been signed either way (botocore hashes the
    /// empty body, S3-style signers write UNSIGNED-PAYLOAD), so both are tried.
    /// </summary>
    private static string[] PayloadHashes(
        SignedRequest request,
        SigV4Authorization authorization,
        out (SignatureFailureKind Kind, string Message)? problem)
    {
        problem = null;
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(request.Body.Span));
        var declared = request.Header("X-Amz-Content-Sha256");

        if (declared is null)
        {
            return authorization.IsPresigned && request.Body.IsEmpty ? [bodyHash, UnsignedPayload] : [bodyHash];
        }

        if (declared == UnsignedPayload)
        {
            if (!request.Body.IsEmpty)
            {
                problem = (SignatureFailureKind.Malformed, "X-Amz-Content-Sha256: UNSIGNED-PAYLOAD is not accepted for a request with a body.");
            }

            return [declared];
        }

        if (!string.Equals(declared, bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            problem = (SignatureFailureKind.Mismatch, "The SHA-256 of the request body does not match the X-Amz-Content-Sha256 header.");
        }

        return [declared];
    }
}
