namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// Decides which signature scheme an EC2 Query API request uses and checks it: SigV4 in the
/// Authorization header, SigV4 presigned query parameters, or SigV2 parameters. Pure apart from
/// the secret lookup; bad input yields a rejected <see cref="SignatureVerification"/>, never an exception.
/// </summary>
public sealed class RequestSignatureVerifier
{
    private readonly SigV4Verifier _sigV4;
    private readonly SigV2Verifier _sigV2;
    private readonly SignaturePolicy _policy;

    /// <param name="secretLookup">Finds the secret for an access key id, or null when the key is unknown.</param>
    /// <param name="timeProvider">The server's clock.</param>
    /// <param name="policy">The site's region, service and time limits; defaults to region RegionOne, service ec2.</param>
    public RequestSignatureVerifier(
        Func<string, CancellationToken, ValueTask<string?>> secretLookup,
        TimeProvider timeProvider,
        SignaturePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(secretLookup);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _policy = policy ?? new SignaturePolicy();
        _sigV4 = new SigV4Verifier(secretLookup, timeProvider, _policy);
        _sigV2 = new SigV2Verifier(secretLookup, timeProvider, _policy);
    }

    /// <summary>Checks the request's signature. Only a failing secret lookup or cancellation throws.</summary>
    public ValueTask<SignatureVerification> VerifyAsync(SignedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = FormUrlEncoding.Decode(request.RawQuery);
        var authorization = request.Header("Authorization");
        var presigned = SigV4Authorization.IsPresignedQuery(query);

        if (!string.IsNullOrWhiteSpace(authorization))
        {
            // SigV4 allows one mechanism per request; two would leave it unclear which one to trust.
            if (presigned)
            {
                return Rejected(SignatureFailureKind.Malformed, "Use either an Authorization header or presigned X-Amz-* query parameters, not both.", SignatureScheme.SigV4Header);
            }

            var fromHeader = SigV4Authorization.FromHeader(authorization, request.Header("X-Amz-Date"), out var headerError);
            return fromHeader is null
                ? Rejected(SignatureFailureKind.Malformed, headerError, SignatureScheme.SigV4Header)
                : _sigV4.VerifyAsync(request, query, fromHeader, cancellationToken);
        }

        if (presigned)
        {
            var fromQuery = SigV4Authorization.FromQuery(query, _policy.MaxPresignedLifetime, out var queryError);
            return fromQuery is null
                ? Rejected(SignatureFailureKind.Malformed, queryError, SignatureScheme.SigV4Query)
                : _sigV4.VerifyAsync(request, query, fromQuery, cancellationToken);
        }

        // SigV2 signs the parameters where the client put them: the form body of a POST, else the query.
        if (request.HasFormBody())
        {
            var form = FormUrlEncoding.Decode(request.Body.Span);
            if (SigV2Verifier.IsPresent(form))
            {
                return _sigV2.VerifyAsync(request, form, fromBody: true, cancellationToken);
            }
        }

        if (SigV2Verifier.IsPresent(query))
        {
            return _sigV2.VerifyAsync(request, query, fromBody: false, cancellationToken);
        }

        return Rejected(
            SignatureFailureKind.Missing,
            "The request is not signed: expected an AWS4-HMAC-SHA256 Authorization header, "
            + "presigned X-Amz-* query parameters, or Signature Version 2 parameters.",
            scheme: null);
    }

    private static ValueTask<SignatureVerification> Rejected(SignatureFailureKind kind, string message, SignatureScheme? scheme) =>
        ValueTask.FromResult(SignatureVerification.Rejected(kind, message, scheme));
}
