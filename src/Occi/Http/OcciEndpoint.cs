using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Occi.Mapping;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Http;

/// <summary>
/// OCCI 1.2 (and 1.1) on its own port: version and authentication checks, content negotiation,
/// reading the request in any rendering, routing, and writing the reply as asked.
/// </summary>
public static partial class OcciEndpoint
{
    private const string Supported = "text/plain, text/occi, text/uri-list, application/occi+json, application/json";

    public static IServiceCollection AddOcci(this IServiceCollection services, OcciOptions options) => services
        .AddSingleton(options)
        .AddSingleton<EntityViews>()
        .AddSingleton<ComputeResources>()
        .AddSingleton<Networks>()
        .AddSingleton<StorageLookup>()
        .AddSingleton<StorageResources>()
        .AddSingleton<StorageLinks>()
        .AddSingleton<QueryInterface>()
        .AddSingleton<OcciRouter>();

    /// <summary>Takes every request that arrives on the OCCI port; others go on down the pipeline.</summary>
    public static void UseOcci(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<OcciOptions>();
        app.MapWhen(http => http.Connection.LocalPort == options.Port, branch => branch.Run(HandleAsync));
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<OcciOptions>();
        // GFD.223 §5.3: every response names the OCCI versions served.
        http.Response.Headers.Server = options.Product + " OCCI/1.2 OCCI/1.1";
        http.Response.Headers.Accept = Supported;
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
        var rendering = MediaTypes.Negotiate(http.Request.Headers.Accept.ToString());
        OcciReply reply;
        try
        {
            reply = await AnswerAsync(http, options, rendering, baseUrl).ConfigureAwait(false);
        }
        catch (OcciParseException e)
        {
            reply = Replies.BadRequest(e.Message);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            var requestId = Guid.NewGuid().ToString();
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OcciEndpoint)).CallFailed(e, requestId);
            reply = new ErrorReply(500, $"an internal error has occurred; quote request {requestId} to the site's operators");
        }

        // GFD.229 §6: text/uri-list renders listings only.
        var written = rendering ?? Rendering.TextPlain;
        if (written == Rendering.UriList && !OcciWriter.IsListing(reply))
        {
            reply = Replies.BadRequest("text/uri-list renders collections only; ask for text/plain, text/occi or application/occi+json");
            written = Rendering.TextPlain;
        }

        if (reply.Status == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"StandardsCloud OCCI\", charset=\"UTF-8\"";
        }

        await OcciWriter.WriteAsync(http, reply, written, baseUrl).ConfigureAwait(false);
    }

    private static async Task<OcciReply> AnswerAsync(HttpContext http, OcciOptions options, Rendering? rendering, string baseUrl)
    {
        var request = http.Request;
        // GFD.223 §5.3: a client asking for a newer OCCI than 1.2 is told it is not implemented.
        if (ClientVersion().Match(request.Headers.UserAgent.ToString()) is { Success: true } version
            && (int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(version.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) is var (major, minor)
            && (major > 1 || (major == 1 && minor > 2)))
        {
            return new ErrorReply(501, $"this service implements OCCI 1.2 and 1.1, not {version.Value}");
        }

        var actor = await http.RequestServices.GetRequiredService<BasicCredentials>()
            .AuthenticateAsync(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, "occi", http.RequestAborted).ConfigureAwait(false);
        if (actor is null)
        {
            return new ErrorReply(401, "authenticate with HTTP Basic: your StandardsCloud user name and password");
        }

        if (rendering is null)
        {
            return new ErrorReply(406, $"none of the media types in Accept is served; served: {Supported}");
        }

        var (message, refused) = await ReadAsync(request, options).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var path = Uri.UnescapeDataString(rawTarget.Split('?', 2)[0]);
        var query = QueryParameters(rawTarget);
        var (page, pagingProblem) = PagingOf(query);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        var call = new OcciCall(actor, request.Method.ToUpperInvariant(), path, query.GetValueOrDefault("action"), message!, baseUrl, http.RequestAborted)
        {
            Page = page,
            LocationsOnly = rendering is Rendering.UriList or Rendering.TextPlain or Rendering.TextOcci,
        };
        return await http.RequestServices.GetRequiredService<OcciRouter>().RouteAsync(call).ConfigureAwait(false);
    }

    // GFD.223 §6 writes its example as ?page=1;number=100, so ';' separates parameters as '&' does.
    private static Dictionary<string, string> QueryParameters(string rawTarget)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var question = rawTarget.IndexOf('?');
        if (question < 0)
        {
            return parameters;
        }

        foreach (var pair in rawTarget[(question + 1)..].Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            parameters.TryAdd(name, equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')));
        }

        return parameters;
    }

    private static (Paging? Page, ErrorReply? Problem) PagingOf(Dictionary<string, string> query)
    {
        var hasPage = query.TryGetValue("page", out var pageText);
        var hasNumber = query.TryGetValue("number", out var numberText);
        if (!hasPage && !hasNumber)
        {
            return (null, null);
        }

        if (!int.TryParse(pageText ?? "1", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) || page < 1
            || !int.TryParse(numberText ?? "", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return (null, Replies.BadRequest("paging takes page (from 1) and number (entities per page), both positive integers"));
        }

        return number > Paging.MaxNumber
            ? (null, new ErrorReply(413, $"a page holds at most {Paging.MaxNumber} entities"))
            : (new Paging(page, number), null);
    }

    // The message is in the headers (text/occi), the body (text/plain, JSON) or both (clients that mix them).
    private static async Task<(OcciMessage? Message, ErrorReply? Refused)> ReadAsync(HttpRequest request, OcciOptions options)
    {
        var tooLarge = new ErrorReply(413, $"request bodies are limited to {options.MaxBody} bytes");
        if (request.ContentLength > options.MaxBody)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxBody)
            {
                return (null, tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        var fromHeaders = TextParser.Parse(request.Headers.Where(h => TextParser.IsOcciField(h.Key)).SelectMany(h => h.Value.Select(v => (h.Key, v ?? ""))));
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var contentType = request.ContentType;
        if (body.Length == 0 || body.Span.Trim("\r\n \t"u8).Length == 0)
        {
            return (fromHeaders, null);
        }

        var type = contentType is null ? Rendering.TextPlain : MediaTypes.OfContent(contentType);
        var fromBody = type switch
        {
            Rendering.TextPlain or Rendering.TextOcci => TextParser.ParseBody(Encoding.UTF8.GetString(body.Span)),
            Rendering.OcciJson or Rendering.Json => JsonParser.Parse(body),
            Rendering.UriList => new OcciMessage([], [], [], [.. Encoding.UTF8.GetString(body.Span).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))]),
            _ => null,
        };
        if (fromBody is null)
        {
            return (null, new ErrorReply(415, $"the request body's type {contentType} is not served; send one of: {Supported}"));
        }

        return (new OcciMessage(
            [.. fromHeaders.Categories, .. fromBody.Categories], [.. fromHeaders.Links, .. fromBody.Links],
            [.. fromHeaders.Attributes, .. fromBody.Attributes], [.. fromHeaders.Locations, .. fromBody.Locations]), null);
    }

    [GeneratedRegex(@"OCCI/(\d{1,3})\.(\d{1,3})")]
    private static partial Regex ClientVersion();
}
