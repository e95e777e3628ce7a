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

        var message = await ReadAsync(request, options).ConfigureAwait(false);
        if (message is ErrorReply refused)
        {
            return refused;
        }

        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var path = Uri.UnescapeDataString(rawTarget.Split('?', 2)[0]);
        var action = request.Query.TryGetValue("action", out var term) ? term.ToString() : null;
        var call = new OcciCall(actor, request.Method.ToUpperInvariant(), path, action, ((MessageRead)message).Message, baseUrl, http.RequestAborted)
        {
            LocationsOnly = rendering is Rendering.UriList or Rendering.TextPlain or Rendering.TextOcci,
        };
        return await http.RequestServices.GetRequiredService<OcciRouter>().RouteAsync(call).ConfigureAwait(false);
    }

    private sealed record MessageRead(OcciMessage Message) : OcciReply(200);

    // The message is in the headers (text/occi), the body (text/plain, JSON) or both (clients that mix them).
    private static async Task<OcciReply> ReadAsync(HttpRequest request, OcciOptions options)
    {
        if (request.ContentLength > options.MaxBody)
        {
            return new ErrorReply(413, $"request bodies are limited to {options.MaxBody} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxBody)
            {
                return new ErrorReply(413, $"request bodies are limited to {options.MaxBody} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        var fromHeaders = TextParser.Parse(request.Headers.Where(h => TextParser.IsOcciField(h.Key)).SelectMany(h => h.Value.Select(v => (h.Key, v ?? ""))));
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var contentType = request.ContentType;
        if (body.Length == 0 || body.Span.Trim("\r\n \t"u8).Length == 0)
        {
            return new MessageRead(fromHeaders);
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
            return new ErrorReply(415, $"the request body's type {contentType} is not served; send one of: {Supported}");
        }

        return new MessageRead(new OcciMessage(
            [.. fromHeaders.Categories, .. fromBody.Categories], [.. fromHeaders.Links, .. fromBody.Links],
            [.. fromHeaders.Attributes, .. fromBody.Attributes], [.. fromHeaders.Locations, .. fromBody.Locations]));
    }

    [GeneratedRegex(@"OCCI/(\d{1,3})\.(\d{1,3})")]
    private static partial Regex ClientVersion();
}
