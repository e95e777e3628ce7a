using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardsCloud.Cdmi.Mapping;
using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage;
using StandardsCloud.Storage.Access;

namespace StandardsCloud.Cdmi.Http;

/// <summary>
/// CDMI 1.1.1 on its own port: every request there is a CDMI or non-CDMI call on the object
/// namespace, authenticated with HTTP Basic against the shared identity model.
/// </summary>
public static class CdmiEndpoint
{
    /// <summary>Registers the CDMI front-end; the composer registers the <see cref="ObjectStore"/> it serves.</summary>
    public static IServiceCollection AddCdmi(this IServiceCollection services, Func<IServiceProvider, CdmiOptions> options) => services
        .AddSingleton(options)
        .AddSingleton<CdmiService>()
        .AddHostedService<CdmiRootSetup>();

    /// <summary>Takes every request that arrives on the CDMI port; others go on down the pipeline.</summary>
    public static void UseCdmi(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<CdmiOptions>();
        app.MapWhen(http => http.Connection.LocalPort == options.Port, branch => branch.Run(HandleAsync));
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CdmiEndpoint));
        var version = http.Request.Headers[CdmiVersions.Header].ToString();
        string? negotiated = null;
        CdmiReply reply;
        try
        {
            reply = await AnswerAsync(http, version, v => negotiated = v);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            logger.ClientLeft(http.Request.Method, http.Request.Path);
            return;
        }
        catch (BadHttpRequestException e)
        {
            // The body broke off or outgrew the limit; the write that read it left nothing behind.
            logger.ClientLeft(http.Request.Method, http.Request.Path);
            reply = CdmiReply.Error(e.StatusCode, "the request body could not be read: " + e.Message);
        }
        catch (Exception e)
        {
            logger.CallFailed(e, http.Request.Method, http.Request.Path);
            reply = CdmiReply.Error(500, "an internal error occurred; the site's operators can find it in the log");
        }

        await WriteAsync(http, reply, negotiated);
    }

    private static async Task<CdmiReply> AnswerAsync(HttpContext http, string versionHeader, Action<string> negotiated)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<CdmiOptions>();
        var store = services.GetRequiredService<ObjectStore>();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Math.Max(store.Options.MaxValueBytes, options.MaxJsonBytes) + 1;
        }

        string? version = null;
        if (versionHeader.Length == 0 && CdmiMediaTypes.Parse(http.Request.ContentType) is not (CdmiMediaType.None or CdmiMediaType.Other or CdmiMediaType.Any))
        {
            // CDMI 1.1.1 §6.1: a CDMI content type makes it a CDMI request, which names its version.
            return CdmiReply.Error(400, $"a request with Content-Type {Clip(http.Request.ContentType!)} is a CDMI request and needs {CdmiVersions.Header} (for example 1.1.1)");
        }

        if (versionHeader.Length > 0)
        {
            version = CdmiVersions.Negotiate(versionHeader);
            if (version is null)
            {
                return CdmiReply.Error(400, $"{CdmiVersions.Header} '{Clip(versionHeader)}' names no version this server speaks ({string.Join(", ", CdmiVersions.Supported)})");
            }

            negotiated(version);
        }

        var credentials = http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null;
        var actor = await options.Authenticate(credentials, "cdmi", http.RequestAborted);
        // What the service can do is no one's data: capability objects are readable without signing
        // in, though credentials that are sent must be right.
        var path = http.Request.Path.HasValue ? http.Request.Path.Value! : "/";
        var anonymousRead = credentials is null
            && (path == "/cdmi_capabilities" || path.StartsWith("/cdmi_capabilities/", StringComparison.Ordinal))
            && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        if (actor is null && !anonymousRead)
        {
            return CdmiReply.Error(401, "sign in with HTTP Basic (user name and password)") with
            {
                Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"StandardsCloud CDMI\", charset=\"UTF-8\"" },
            };
        }

        var query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "";
        var (selection, queryError) = FieldSelection.Parse(query);
        if (selection is null)
        {
            return CdmiReply.Error(400, queryError!);
        }

        // CDMI 1.1.1 §5.13.6 with RFC 3986 §2.2: read before decoding, since the server decodes %25 but keeps %2F, so both read "%2F" here.
        if (EncodedSlash.In(http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path))
        {
            return CdmiReply.Error(400, EncodedSlash.Refusal);
        }

        var call = new CdmiCall
        {
            Method = http.Request.Method.ToUpperInvariant(),
            Path = path,
            Query = query,
            Selection = selection,
            Version = version,
            ContentType = http.Request.ContentType,
            Accept = http.Request.Headers.Accept.ToString(),
            Body = http.Request.BodyReader,
            Range = http.Request.Headers.Range.ToString() is { Length: > 0 } r ? r : null,
            ContentRange = http.Request.Headers.ContentRange.ToString() is { Length: > 0 } cr ? cr : null,
            Partial = string.Equals(http.Request.Headers["X-CDMI-Partial"].ToString(), "true", StringComparison.OrdinalIgnoreCase),
            Preconditions = HttpPreconditions.Read(http.Request.Headers.IfMatch.ToString(), http.Request.Headers.IfNoneMatch.ToString(),
                http.Request.Headers.IfModifiedSince.ToString(), http.Request.Headers.IfUnmodifiedSince.ToString(), http.Request.Headers.IfRange.ToString()),
            Caller = actor is null ? new StorageCaller("", false) : new StorageCaller(actor.UserId, actor.IsAdmin),
        };
        return await services.GetRequiredService<CdmiService>().HandleAsync(call, http.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext http, CdmiReply reply, string? version)
    {
        var response = http.Response;
        response.StatusCode = reply.Status;
        // CDMI 1.1.1 §8.2.6: the version the answer follows; plain HTTP answers name the newest.
        response.Headers[CdmiVersions.Header] = version ?? CdmiVersions.Supported[0];
        foreach (var (name, value) in reply.Headers)
        {
            response.Headers[name] = value;
        }

        if (reply.ContentType is not null)
        {
            response.ContentType = reply.ContentType;
        }

        if (reply.ContentLength is { } length)
        {
            response.ContentLength = length;
        }

        if (reply.PipeBody is not null && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await reply.PipeBody(response.BodyWriter, http.RequestAborted);
            }
            catch (Exception) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client left while the value streamed.
            }
        }
        else if (reply.Body is not null && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await reply.Body(response.Body, http.RequestAborted);
            }
            catch (Exception) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client left while the answer streamed.
            }
        }
        else if (reply.Body is null && reply.PipeBody is null && reply.ContentLength is null && reply.Status is not (204 or 304))
        {
            response.ContentLength = 0;
        }
    }

    private static string Clip(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
