using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Ec2Compat.Mapping;
using StandardsCloud.Ec2Compat.Mapping.Volumes;
using StandardsCloud.Ec2Compat.Wire.Query;
using StandardsCloud.Ec2Compat.Wire.Signing;

namespace StandardsCloud.Ec2Compat.Http;

/// <summary>
/// The EC2 Query API on its own port: every request there, at <c>/</c> or at
/// <c>/services/Eucalyptus</c> (libcloud's Eucalyptus driver), is a signed Query call.
/// </summary>
public static class Ec2Endpoint
{
    private const int MaxBody = 1024 * 1024;

    public static IServiceCollection AddEc2(this IServiceCollection services, Ec2Options options) => services
        .AddSingleton(options)
        .AddSingleton(new Ec2Throttle(options.ConcurrentCalls, options.WaitingCalls))
        .AddSingleton<RegionActions>()
        .AddSingleton<InstanceActions>()
        .AddSingleton<InstanceAttributeActions>()
        .AddSingleton<InstanceStatusActions>()
        .AddSingleton<InstanceLookup>()
        .AddSingleton<InstanceViews>()
        .AddSingleton<InstanceXml>()
        .AddSingleton<TagActions>()
        .AddSingleton<AddressActions>()
        .AddSingleton<CatalogActions>()
        .AddSingleton<ImageAttributeActions>()
        .AddSingleton<ImageActions>()
        .AddSingleton<KeyPairActions>()
        .AddSingleton<SecurityGroupActions>()
        .AddSingleton<VolumeLookup>()
        .AddSingleton<VolumeActions>()
        .AddSingleton<SnapshotActions>()
        .AddSingleton<Ec2Dispatcher>();

    /// <summary>Takes every request that arrives on the EC2 port; others go on down the pipeline.</summary>
    public static void UseEc2(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Ec2Options>();
        app.MapWhen(http => http.Connection.LocalPort == options.Port, branch => branch.Run(HandleAsync));
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        Ec2Result outcome;
        using (var turn = await http.RequestServices.GetRequiredService<Ec2Throttle>().EnterAsync(http.RequestAborted))
        {
            try
            {
                outcome = turn.IsAcquired
                    ? await AnswerAsync(http, requestId)
                    : Ec2Result.Fail(Ec2ErrorCode.RequestLimitExceeded, "Request limit exceeded.");
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
            {
                // A bug, never the caller's fault: the client gets EC2's answer for it, the log the details.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Ec2Endpoint))
                    .CallFailed(e, requestId);
                outcome = Ec2Result.Fail(Ec2ErrorCode.InternalError, $"An internal error has occurred; quote request {requestId} to the site's operators.");
            }
        }

        http.Response.StatusCode = outcome.Error?.HttpStatus ?? StatusCodes.Status200OK;
        http.Response.ContentType = "text/xml;charset=UTF-8";
        if (outcome.Xml is { } document)
        {
            using (document)
            {
                // A known length spares clients a chunked read, which Python's HTTP client does slowly.
                http.Response.ContentLength = document.Length;
                await document.SendAsync(http.Response.Body, http.RequestAborted);
            }

            return;
        }

        var error = outcome.Error!.ToXml(requestId);
        http.Response.ContentLength = error.Length;
        await http.Response.Body.WriteAsync(error, http.RequestAborted);
    }

    private static async Task<Ec2Result> AnswerAsync(HttpContext http, string requestId)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<Ec2Options>();
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var path = rawTarget.Split('?', 2)[0];
        if (path.TrimEnd('/') is not ("" or "/services/Eucalyptus"))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidRequest, $"No EC2 service at '{Clip(path)}'; use / or /services/Eucalyptus");
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsPost(http.Request.Method))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidRequest, $"The Query API takes GET or POST, not {Clip(http.Request.Method)}");
        }

        var body = await ReadBodyAsync(http.Request);
        if (body is null)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidRequest, $"The request body is larger than {MaxBody} bytes");
        }

        // Authentication first: nothing of an unsigned request is looked at further.
        var identity = services.GetRequiredService<IdentityService>();
        SigningKey? key = null;
        var verifier = new RequestSignatureVerifier(
            async (id, ct) => (key = await identity.FindSigningKeyAsync(id, ct))?.Secret,
            services.GetRequiredService<TimeProvider>(),
            new SignaturePolicy { Region = options.Region });
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rawQuery = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "";
        var verification = await verifier.VerifyAsync(new SignedRequest(http.Request.Method, path, rawQuery, headers, body), http.RequestAborted);
        if (!verification.IsAuthentic || key is null)
        {
            // EC2 API reference, common errors: no credentials at all is MissingAuthenticationToken.
            var code = verification.Failure switch
            {
                SignatureFailureKind.Expired => Ec2ErrorCode.RequestExpired,
                SignatureFailureKind.Missing => Ec2ErrorCode.MissingAuthenticationToken,
                _ => Ec2ErrorCode.AuthFailure,
            };
            return Ec2Result.Fail(code, verification.Message);
        }

        var parsed = HttpMethods.IsPost(http.Request.Method) ? QueryRequest.ParseForm(body) : QueryRequest.ParseQueryString(rawQuery);
        if (!parsed.Succeeded)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MalformedQueryString, parsed.Error!);
        }

        var query = parsed.Request!;
        if (query.Action is not { Length: > 0 } action)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingAction, "The request must contain the parameter Action");
        }

        var call = new Ec2Call(query, new Actor(key.Owner, key.OwnerIsAdmin, "ec2"), requestId,
            $"{http.Request.Scheme}://{http.Request.Host}/", http.RequestAborted, AtEucalyptusPath: path.TrimEnd('/') == "/services/Eucalyptus");
        var dispatched = services.GetRequiredService<Ec2Dispatcher>().Dispatch(call);
        return dispatched is null
            ? Ec2Result.Fail(Ec2ErrorCode.InvalidAction, $"The action {Clip(action)} is not valid for this web service.")
            : await dispatched;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBody)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
