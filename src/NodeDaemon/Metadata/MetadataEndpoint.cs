using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace StandardsCloud.NodeDaemon.Metadata;

/// <summary>
/// The HTTP rules of the instance metadata service, as EC2 applies them (Amazon EC2 User Guide,
/// "Access instance metadata" and "Use the Instance Metadata Service to access instance metadata"):
/// a guest is known by its source address and sees only its own data; <c>PUT /latest/api/token</c>
/// starts an IMDSv2 session; GETs are answered with or, unless <paramref name="v2Only"/>, without a token.
/// </summary>
public sealed class MetadataEndpoint(GuestDirectory guests, MetadataTokens tokens, bool v2Only)
{
    public const string TokenPath = "/latest/api/token";
    public const string TokenHeader = "X-aws-ec2-metadata-token";
    public const string TtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        var caller = context.Connection.RemoteIpAddress;
        var guest = caller is null ? null : guests.Find(caller);
        if (caller is null || guest is null)
        {
            // Only guests placed on this node have metadata here; anyone else finds nothing.
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path.TrimEnd('/') == TokenPath)
        {
            await IssueTokenAsync(context, caller).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            // EC2 IMDS: metadata is read with GET; only the token endpoint takes PUT.
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET";
            return;
        }

        var token = request.Headers[TokenHeader];
        if (token.Count > 0 ? !tokens.IsValid(token.ToString(), caller) : v2Only)
        {
            // EC2 IMDS: 401 for a GET with an invalid or expired token, and for one without when tokens are required.
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var node = MetadataTree.For(guest.Value.Domain, guest.Value.Context).Find(Segments(path));
        if (node is null || (!node.IsDirectory && path.EndsWith('/')))
        {
            // A value is not a category: "instance-id/" names nothing.
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteAsync(response, node.Content()).ConfigureAwait(false);
    }

    private async Task IssueTokenAsync(HttpContext context, IPAddress caller)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsPut(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "PUT";
            return;
        }

        if (request.Headers.ContainsKey("X-Forwarded-For"))
        {
            // EC2 IMDSv2: a token PUT carrying X-Forwarded-For was relayed by a proxy and is refused.
            response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var ttlText = request.Headers[TtlHeader];
        if (ttlText.Count != 1
            || !int.TryParse(ttlText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl)
            || ttl is < 1 or > MetadataTokens.MaxTtlSeconds)
        {
            // EC2 IMDSv2: the TTL header is required, 1 to 21600 seconds; otherwise 400.
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        response.Headers[TtlHeader] = ttl.ToString(CultureInfo.InvariantCulture);
        await WriteAsync(response, System.Text.Encoding.ASCII.GetBytes(tokens.Issue(caller, ttl))).ConfigureAwait(false);
    }

    private static IEnumerable<string> Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static async Task WriteAsync(HttpResponse response, byte[] content)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain";
        response.ContentLength = content.Length;
        await response.Body.WriteAsync(content).ConfigureAwait(false);
    }
}
