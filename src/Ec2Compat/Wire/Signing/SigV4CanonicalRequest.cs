using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>SigV4, "Create a canonical request", built from the request exactly as received.</summary>
internal static class SigV4CanonicalRequest
{
    /// <summary>
    /// Joins method, URI, query, headers, signed header list and payload hash with newlines.
    /// Returns null, naming the header, when a signed header is absent from the request.
    /// </summary>
    public static string? Build(
        SignedRequest request,
        IReadOnlyList<FormField> query,
        SigV4Authorization authorization,
        string payloadHash,
        out string? missingHeader)
    {
        var headers = CanonicalHeaders(request, authorization.SignedHeaders, out missingHeader);
        if (headers is null)
        {
            return null;
        }

        return string.Join(
            '\n',
            request.Method,
            CanonicalUri(request.Path),
            CanonicalQuery(query, excludeSignature: authorization.IsPresigned),
            headers,
            authorization.SignedHeadersText,
            payloadHash);
    }

    /// <summary>
    /// SigV4, canonical request step 2: the path with dot segments removed (RFC 3986 §5.2.4) and
    /// empty segments dropped, then URI-encoded with '/' kept. Services other than S3 encode the
    /// already-encoded wire path once more, so "%20" is signed as "%2520", as botocore does.
    /// </summary>
    public static string CanonicalUri(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var normalized = "/" + string.Join('/', segments);
        if (segments.Count > 0 && path.EndsWith('/'))
        {
            normalized += "/";
        }

        return AwsPercentEncoding.Encode(Encoding.UTF8.GetBytes(normalized), keepSlash: true);
    }

    /// <summary>
    /// SigV4, canonical request step 3: each name and value decoded then re-encoded with RFC 3986's
    /// unreserved set, sorted by encoded name and then encoded value. A presigned request's own
    /// X-Amz-Signature is left out, since it cannot sign itself.
    /// </summary>
    public static string CanonicalQuery(IReadOnlyList<FormField> query, bool excludeSignature)
    {
        var pairs = new List<(string Name, string Value)>(query.Count);
        foreach (var field in query)
        {
            if (excludeSignature && field.NameIs("X-Amz-Signature"))
            {
                continue;
            }

            pairs.Add((AwsPercentEncoding.Encode(field.Name), AwsPercentEncoding.Encode(field.Value)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        return string.Join('&', pairs.Select(static pair => pair.Name + "=" + pair.Value));
    }

    /// <summary>
    /// SigV4, canonical request step 4: "name:value\n" for each signed header in the listed order,
    /// the value trimmed and runs of spaces collapsed to one.
    /// </summary>
    public static string? CanonicalHeaders(SignedRequest request, IReadOnlyList<string> names, out string? missingHeader)
    {
        var builder = new StringBuilder();
        foreach (var name in names)
        {
            var value = request.Header(name);
            if (value is null)
            {
                missingHeader = name;
                return null;
            }

            builder.Append(name).Append(':')
                .AppendJoin(' ', value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Append('\n');
        }

        missingHeader = null;
        return builder.ToString();
    }
}
