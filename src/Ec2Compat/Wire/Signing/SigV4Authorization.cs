using System.Globalization;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// The signature parts of a SigV4 request, read either from the Authorization header or from the
/// presigned X-Amz-* query parameters, and checked for shape only.
/// </summary>
internal sealed record SigV4Authorization(
    string AccessKeyId,
    string ScopeText,
    CredentialScope Scope,
    string SignedHeadersText,
    IReadOnlyList<string> SignedHeaders,
    byte[] Signature,
    string AmzDate,
    DateTimeOffset Timestamp,
    TimeSpan? Expires)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    private const string ScopeTerminator = "aws4_request";

    /// <summary>ISO 8601 basic format, the only one SigV4 uses: <c>20261126T040000Z</c>.</summary>
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public bool IsPresigned => Expires is not null;

    /// <summary>Whether the query carries any presigned SigV4 parameter, so the request means to use that form.</summary>
    public static bool IsPresignedQuery(IReadOnlyList<FormField> query) =>
        FormUrlEncoding.Contains(query, "X-Amz-Algorithm")
        || FormUrlEncoding.Contains(query, "X-Amz-Credential")
        || FormUrlEncoding.Contains(query, "X-Amz-Signature");

    /// <summary>
    /// SigV4, "Add the signature to the request": <c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>.
    /// </summary>
    public static SigV4Authorization? FromHeader(string header, string? amzDate, out string error)
    {
        var text = header.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        var algorithm = space < 0 ? text : text[..space];
        if (algorithm != Algorithm)
        {
            error = $"Unsupported authorization algorithm '{ClientText.Echo(algorithm)}'; expected {Algorithm}.";
            return null;
        }

        var components = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in (space < 0 ? "" : text[space..]).Split(','))
        {
            var part = raw.Trim();
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"Authorization header component '{ClientText.Echo(part)}' is not of the form Name=Value.";
                return null;
            }

            var name = part[..equals];
            if (name is not ("Credential" or "SignedHeaders" or "Signature"))
            {
                error = $"Authorization header has an unknown component '{ClientText.Echo(name)}'.";
                return null;
            }

            if (!components.TryAdd(name, part[(equals + 1)..]))
            {
                error = $"Authorization header repeats the {name} component.";
                return null;
            }
        }

        if (!components.TryGetValue("Credential", out var credential)
            || !components.TryGetValue("SignedHeaders", out var signedHeaders)
            || !components.TryGetValue("Signature", out var signature))
        {
            error = "Authorization header must contain Credential, SignedHeaders and Signature.";
            return null;
        }

        if (amzDate is null)
        {
            error = "An X-Amz-Date header is required with an AWS4-HMAC-SHA256 Authorization header.";
            return null;
        }

        return Build(credential, signedHeaders, signature, amzDate, expires: null, out error);
    }

    /// <summary>SigV4, "Authenticating requests: using query parameters" (presigned URLs).</summary>
    public static SigV4Authorization? FromQuery(IReadOnlyList<FormField> query, TimeSpan maxLifetime, out string error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (string[])["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Expires"])
        {
            var lookup = FormUrlEncoding.Single(query, name);
            if (lookup.Repeated)
            {
                error = $"Query parameter {name} appears more than once.";
                return null;
            }

            if (lookup.Value is null)
            {
                error = $"A presigned request must carry the query parameter {name}.";
                return null;
            }

            values[name] = lookup.Value;
        }

        if (values["X-Amz-Algorithm"] != Algorithm)
        {
            error = $"Unsupported X-Amz-Algorithm '{ClientText.Echo(values["X-Amz-Algorithm"])}'; expected {Algorithm}.";
            return null;
        }

        var expiresText = values["X-Amz-Expires"];
        if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 1
            || seconds > maxLifetime.TotalSeconds)
        {
            error = $"X-Amz-Expires must be a whole number of seconds from 1 to {(long)maxLifetime.TotalSeconds}, not '{ClientText.Echo(expiresText)}'.";
            return null;
        }

        return Build(
            values["X-Amz-Credential"],
            values["X-Amz-SignedHeaders"],
            values["X-Amz-Signature"],
            values["X-Amz-Date"],
            TimeSpan.FromSeconds(seconds),
            out error);
    }

    private static SigV4Authorization? Build(
        string credential, string signedHeaders, string signature, string amzDate, TimeSpan? expires, out string error)
    {
        if (!DateTimeOffset.TryParseExact(
                amzDate, AmzDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            error = $"X-Amz-Date '{ClientText.Echo(amzDate)}' is not in the form YYYYMMDD'T'HHMMSS'Z'.";
            return null;
        }

        // SigV4 credential: <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request.
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[0].Length == 0 || parts[2].Length == 0 || parts[3].Length == 0)
        {
            error = $"Credential '{ClientText.Echo(credential)}' is not of the form AccessKeyId/YYYYMMDD/region/service/aws4_request.";
            return null;
        }

        if (parts[4] != ScopeTerminator)
        {
            error = $"Credential scope must end in '{ScopeTerminator}', not '{ClientText.Echo(parts[4])}'.";
            return null;
        }

        if (!DateOnly.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var scopeDate))
        {
            error = $"Credential scope date '{ClientText.Echo(parts[1])}' is not of the form YYYYMMDD.";
            return null;
        }

        // The scope's day must be the day of X-Amz-Date, or the signing key was derived for another day.
        if (!string.Equals(parts[1], amzDate[..8], StringComparison.Ordinal))
        {
            error = $"Credential scope date {parts[1]} does not match the date of X-Amz-Date {amzDate}.";
            return null;
        }

        var headerNames = signedHeaders.Split(';');
        if (headerNames.Any(name => name.Length == 0 || name != name.ToLowerInvariant() || name.Any(char.IsWhiteSpace)))
        {
            error = $"SignedHeaders '{ClientText.Echo(signedHeaders)}' must be lower-case header names separated by ';'.";
            return null;
        }

        if (headerNames.Distinct(StringComparer.Ordinal).Count() != headerNames.Length)
        {
            error = "SignedHeaders names a header more than once.";
            return null;
        }

        // SigV4 requires the host header to be signed, so a request cannot be replayed at another endpoint.
        if (!headerNames.Contains("host", StringComparer.Ordinal))
        {
            error = "SignedHeaders must include 'host'.";
            return null;
        }

        // HMAC-SHA256 gives 32 bytes, written as 64 hex digits.
        if (signature.Length != 64 || !signature.All(char.IsAsciiHexDigit))
        {
            error = "Signature must be 64 hexadecimal digits.";
            return null;
        }

        error = "";
        return new SigV4Authorization(
            parts[0],
            string.Join('/', parts[1..]),
            new CredentialScope(scopeDate, parts[2], parts[3]),
            signedHeaders,
            headerNames,
            Convert.FromHexString(signature),
            amzDate,
            timestamp,
            expires);
    }
}
