using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StandardsCloud.Ec2Compat.Wire.Signing;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Signing;

/// <summary>
/// A client-side signer written the way botocore's SigV4Auth, SigV4QueryAuth and SigV2Auth sign,
/// independently of the server code, to make requests the vectors do not cover.
/// </summary>
internal sealed record ReferenceSigner(
    string AccessKey = ReferenceSigner.DefaultAccessKey,
    string SecretKey = ReferenceSigner.DefaultSecretKey,
    string Region = "RegionOne",
    string Service = "ec2",
    string Host = "127.0.0.1:8773")
{
    public const string DefaultAccessKey = "AKIDEXAMPLESTANDARDS";
    public const string DefaultSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public static readonly DateTimeOffset SignedAt = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    /// <summary>A POST with a form body signed in the Authorization header.</summary>
    public SignedRequest SignHeader(string body, DateTimeOffset? at = null, string path = "/", string rawQuery = "")
    {
        var amzDate = (at ?? SignedAt).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = FormContentType,
            ["Host"] = Host,
            ["X-Amz-Date"] = amzDate,
        };
        var signedHeaders = "content-type;host;x-amz-date";
        var canonicalHeaders = $"content-type:{FormContentType}\nhost:{Host}\nx-amz-date:{amzDate}\n";
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var canonical = string.Join('\n', "POST", path, CanonicalQuery(rawQuery), canonicalHeaders, signedHeaders, Hex(SHA256.HashData(bodyBytes)));
        var scope = $"{amzDate[..8]}/{Region}/{Service}/aws4_request";
        headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential={AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={SignV4(amzDate, scope, canonical)}";
        return new SignedRequest("POST", path, rawQuery, headers, bodyBytes);
    }

    /// <summary>A GET whose parameters and SigV4 signature are all in the query, as a presigned URL.</summary>
    public SignedRequest Presign(IEnumerable<(string Name, string Value)> parameters, int expiresSeconds, DateTimeOffset? at = null)
    {
        var amzDate = (at ?? SignedAt).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/{Region}/{Service}/aws4_request";
        var all = parameters.Concat<(string Name, string Value)>(
        [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", $"{AccessKey}/{scope}"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", expiresSeconds.ToString(CultureInfo.InvariantCulture)),
            ("X-Amz-SignedHeaders", "host"),
        ]).ToList();
        var rawQuery = Join(all);
        var canonical = string.Join('\n', "GET", "/", CanonicalQuery(rawQuery), $"host:{Host}\n", "host", Hex(SHA256.HashData([])));
        rawQuery += "&X-Amz-Signature=" + SignV4(amzDate, scope, canonical);
        return new SignedRequest("GET", "/", rawQuery, Headers(), ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>A SigV2 request: parameters in the query for GET, in the form body for POST.</summary>
    public SignedRequest SignV2(
        string method,
        IEnumerable<(string Name, string Value)> parameters,
        string signatureMethod = "HmacSHA256",
        string timeParameter = "Timestamp",
        DateTimeOffset? at = null)
    {
        var all = parameters.Concat<(string Name, string Value)>(
        [
            ("AWSAccessKeyId", AccessKey),
            ("SignatureVersion", "2"),
            ("SignatureMethod", signatureMethod),
            (timeParameter, (at ?? SignedAt).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ]).ToList();
        var sorted = all.OrderBy(pair => pair.Name, StringComparer.Ordinal).ToList();
        var stringToSign = $"{method}\n{Host.ToLowerInvariant()}\n/\n{Join(sorted)}";
        var key = Encoding.UTF8.GetBytes(SecretKey);
        var data = Encoding.UTF8.GetBytes(stringToSign);
        var signature = Convert.ToBase64String(signatureMethod == "HmacSHA1" ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data));
        var encoded = Join(all) + "&Signature=" + Uri.EscapeDataString(signature);

        if (method == "GET")
        {
            return new SignedRequest("GET", "/", encoded, Headers(), ReadOnlyMemory<byte>.Empty);
        }

        var headers = Headers();
        headers["Content-Type"] = FormContentType;
        return new SignedRequest(method, "/", "", headers, Encoding.UTF8.GetBytes(encoded));
    }

    public static string Join(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join('&', parameters.Select(pair => Uri.EscapeDataString(pair.Name) + "=" + Uri.EscapeDataString(pair.Value)));

    private Dictionary<string, string> Headers() => new(StringComparer.OrdinalIgnoreCase) { ["Host"] = Host };

    /// <summary>botocore's canonical query: the already-encoded (name, value) pairs, sorted by name then value.</summary>
    private static string CanonicalQuery(string rawQuery) =>
        string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Name: parts[0], Value: parts.Length > 1 ? parts[1] : ""))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Name + "=" + pair.Value));

    private string SignV4(string amzDate, string scope, string canonicalRequest)
    {
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
