using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// Checks an AWS Signature Version 2 (SignatureVersion=2, HmacSHA256 or HmacSHA1) carried in the
/// query string of a GET or the form body of a POST.
/// </summary>
internal sealed class SigV2Verifier(
    Func<string, CancellationToken, ValueTask<string?>> secretLookup,
    TimeProvider clock,
    SignaturePolicy policy)
{
    /// <summary>The ISO 8601 forms clients write for Timestamp and Expires.</summary>
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>Whether these parameters carry a SigV2 signature at all.</summary>
    public static bool IsPresent(IReadOnlyList<FormField> parameters) =>
        FormUrlEncoding.Contains(parameters, "Signature") || FormUrlEncoding.Contains(parameters, "AWSAccessKeyId");

    /// <param name="parameters">The signed parameters: the form body when it carries them, else the query.</param>
    /// <param name="fromBody">Whether <paramref name="parameters"/> came from the form body.</param>
    public async ValueTask<SignatureVerification> VerifyAsync(
        SignedRequest request,
        IReadOnlyList<FormField> parameters,
        bool fromBody,
        CancellationToken cancellationToken)
    {
        var keyLookup = FormUrlEncoding.Single(parameters, "AWSAccessKeyId");
        var keyId = keyLookup.Value;
        SignatureVerification Reject(SignatureFailureKind kind, string message) =>
            SignatureVerification.Rejected(kind, message, SignatureScheme.SigV2, keyId);

        // SigV2 covers only the parameters it lists, so anything carried beside them is unsigned.
        if (fromBody && FormUrlEncoding.Decode(request.RawQuery).Count > 0)
        {
            return Reject(SignatureFailureKind.Mismatch, "The query string is not covered by a Signature Version 2 signature made over the form body.");
        }

        if (!fromBody && !request.Body.IsEmpty)
        {
            return Reject(SignatureFailureKind.Mismatch, "The request body is not covered by a Signature Version 2 signature made over the query string.");
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in (string[])["AWSAccessKeyId", "Signature", "SignatureVersion", "SignatureMethod", "Timestamp", "Expires"])
        {
            var lookup = FormUrlEncoding.Single(parameters, name);
            if (lookup.Repeated)
            {
                return Reject(SignatureFailureKind.Malformed, $"Parameter {name} appears more than once.");
            }

            fields[name] = lookup.Value;
        }

        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(fields["Signature"]))
        {
            return Reject(SignatureFailureKind.Malformed, "A Signature Version 2 request must carry both AWSAccessKeyId and Signature.");
        }

        if (fields["SignatureVersion"] != "2")
        {
            return Reject(
                SignatureFailureKind.Malformed,
                fields["SignatureVersion"] is { } version
                    ? $"SignatureVersion '{ClientText.Echo(version)}' is not supported; use 2 or AWS4-HMAC-SHA256."
                    : "SignatureVersion is required with AWSAccessKeyId and Signature.");
        }

        Func<byte[], byte[], byte[]>? hmac = fields["SignatureMethod"] switch
        {
            "HmacSHA256" => HMACSHA256.HashData,
            "HmacSHA1" => HMACSHA1.HashData,
            _ => null,
        };
        if (hmac is null)
        {
            return Reject(SignatureFailureKind.Malformed, $"SignatureMethod must be HmacSHA256 or HmacSHA1, not '{ClientText.Echo(fields["SignatureMethod"] ?? "")}'.");
        }

        // A '+' sent unencoded in the signature was decoded as a space; base64 has no spaces, so restore it.
        var signatureText = fields["Signature"]!.Replace(' ', '+');
        var provided = new byte[(signatureText.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(signatureText, provided, out var providedLength))
        {
            return Reject(SignatureFailureKind.Malformed, "Signature is not valid base64.");
        }

        var timeProblem = CheckTime(fields["Timestamp"], fields["Expires"], out var timeKind);
        if (timeProblem is not null)
        {
            return Reject(timeKind, timeProblem);
        }

        var host = request.Header("Host");
        if (string.IsNullOrEmpty(host))
        {
            return Reject(SignatureFailureKind.Malformed, "A Signature Version 2 request needs a Host header.");
        }

        var secret = await secretLookup(keyId, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return Reject(SignatureFailureKind.UnknownKey, $"The access key id '{ClientText.Echo(keyId)}' is not known.");
        }

        var stringToSign = StringToSign(request.Method, host, request.Path, parameters);
        var expected = hmac(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign));
        return CryptographicOperations.FixedTimeEquals(expected, provided.AsSpan(0, providedLength))
            ? SignatureVerification.Authentic(SignatureScheme.SigV2, keyId, scope: null)
            : Reject(
                SignatureFailureKind.Mismatch,
                "The request signature we calculated does not match the signature you provided. "
                + "Check your secret access key and signing method.");
    }

    /// <summary>
    /// SigV2 string to sign: method, lower-case Host header (with its port, as sent), the path
    /// ('/' when empty), and every parameter but Signature, sorted by name in byte order,
    /// RFC 3986-encoded as name=value and joined with '&amp;'.
    /// </summary>
    private static string StringToSign(string method, string host, string path, IReadOnlyList<FormField> parameters)
    {
        var sorted = parameters
            .Where(static field => !field.NameIs("Signature"))
            .OrderBy(static field => field.Name, ByteOrder.Instance);

        var builder = new StringBuilder()
            .Append(method).Append('\n')
            .Append(host.ToLowerInvariant()).Append('\n')
            .Append(path.Length == 0 ? "/" : path).Append('\n');

        var first = true;
        foreach (var field in sorted)
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            AwsPercentEncoding.Append(builder, field.Name);
            builder.Append('=');
            AwsPercentEncoding.Append(builder, field.Value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// SigV2 carries exactly one of Timestamp (which must be within the allowed skew of the
    /// server's clock) or Expires (which must not have passed).
    /// </summary>
    private string? CheckTime(string? timestampText, string? expiresText, out SignatureFailureKind kind)
    {
        kind = SignatureFailureKind.Malformed;
        if ((timestampText is null) == (expiresText is null))
        {
            return "A Signature Version 2 request must carry exactly one of Timestamp or Expires.";
        }

        var name = timestampText is not null ? "Timestamp" : "Expires";
        var text = timestampText ?? expiresText!;
        if (!DateTimeOffset.TryParseExact(
                text, TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
        {
            return $"{name} '{ClientText.Echo(text)}' is not an ISO 8601 date and time such as 2026-11-26T04:00:00Z.";
        }

        kind = SignatureFailureKind.Expired;
        var now = clock.GetUtcNow();
        var shown = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (expiresText is not null)
        {
            return now > when ? $"The request expired at {ClientText.Echo(text)}; the server's clock is {shown}." : null;
        }

        return (now - when).Duration() > policy.MaxClockSkew
            ? $"Timestamp {ClientText.Echo(text)} differs from the server's clock ({shown}) by more than {policy.MaxClockSkew.TotalMinutes:0} minutes."
            : null;
    }

    /// <summary>Orders byte strings as unsigned bytes, which for UTF-8 is code point order.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
