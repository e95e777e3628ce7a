using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StandardsCloud.Compute;
using StandardsCloud.Marketplace.Entries;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Marketplace.Http;

/// <summary>
/// The Marketplace API at StratusLab's paths: <c>/metadata</c> (upload, list, one entry's signed
/// bytes), <c>/endorsers</c>, and <c>/tags/{tag}</c>. Lists answer XML unless JSON is asked for,
/// by <c>Accept: application/json</c> or <c>?media=json</c>.
/// </summary>
public static class MarketplaceRoutes
{
    public const string RdfXml = "application/rdf+xml";

    public static string EntryPath(MarketplaceEntry e) =>
        $"/metadata/{e.Identifier}/{Uri.EscapeDataString(e.Email)}/{e.CreatedText}";

    public static void MapMarketplace(this IEndpointRouteBuilder app)
    {
        app.MapPost("/metadata", UploadAsync).DisableAntiforgery();
        app.MapGet("/metadata", (HttpContext http, MarketplaceCatalog catalog, TimeProvider time) => ListAsync(http, catalog, time, null, null));
        app.MapGet("/metadata/{identifier}", (string identifier, HttpContext http, MarketplaceCatalog catalog, TimeProvider time) =>
            ListAsync(http, catalog, time, identifier, null));
        app.MapGet("/metadata/{identifier}/{email}", (string identifier, string email, HttpContext http, MarketplaceCatalog catalog, TimeProvider time) =>
            ListAsync(http, catalog, time, identifier, email));
        app.MapGet("/metadata/{identifier}/{email}/{created}", EntryAsync);
        app.MapGet("/endorsers", EndorsersAsync);
        app.MapGet("/endorsers/{email}", (string email, HttpContext http, MarketplaceCatalog catalog, TimeProvider time) =>
            ListAsync(http, catalog, time, null, email));
        app.MapGet("/tags/{tag}", (string tag, HttpContext http, MarketplaceCatalog catalog, TimeProvider time) =>
            ListAsync(http, catalog, time, null, null, tag));
        MarketplacePages.Map(app);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, MarketplaceCatalog catalog, MarketplaceOptions options, TimeProvider time)
    {
        var document = await UploadBody.ReadAsync(http.Request, options.Limits.MaxBytes, http.RequestAborted);
        if (!document.IsOk)
        {
            return Problem(ComputeStatus.InvalidParameter, document.Reason);
        }

        var stored = await catalog.UploadAsync(document.Value!, http.RequestAborted);
        if (!stored.IsOk)
        {
            return Problem(stored.Status, stored.Reason!);
        }

        var entry = stored.Value!;
        return WantsJson(http)
            ? Results.Json(EntryView.Of(entry, catalog, time.GetUtcNow()), MarketplaceJson.Default.EntryView, statusCode: StatusCodes.Status201Created)
                .WithLocation(EntryPath(entry))
            : new CreatedText(EntryPath(entry));
    }

    private static async Task<IResult> ListAsync(HttpContext http, MarketplaceCatalog catalog, TimeProvider time, string? identifier, string? email, string? tag = null)
    {
        var q = http.Request.Query;
        var query = new EntryQuery
        {
            Identifier = identifier ?? Value(q, "identifier"),
            Email = email ?? Value(q, "email"),
            Created = Value(q, "created"),
            Status = Value(q, "status") ?? "valid",
            Location = Value(q, "location"),
            Tag = tag ?? Value(q, "tag"),
            Os = Value(q, "os"),
            Arch = Value(q, "arch"),
            Text = Value(q, "q"),
            Limit = int.TryParse(Value(q, "limit"), out var limit) ? limit : 100,
        };
        var found = await catalog.FindAsync(query, http.RequestAborted);
        if (!found.IsOk)
        {
            return Problem(found.Status, found.Reason!);
        }

        var now = time.GetUtcNow();
        return WantsJson(http)
            ? Results.Json<IReadOnlyList<EntryView>>([.. found.Value!.Select(e => EntryView.Of(e, catalog, now))], MarketplaceJson.Default.IReadOnlyListEntryView)
            : Results.Text(EntryXml.Entries(found.Value!), "application/xml; charset=utf-8");
    }

    private static async Task<IResult> EntryAsync(string identifier, string email, string created, HttpContext http, MarketplaceCatalog catalog, TimeProvider time)
    {
        var entry = await catalog.GetAsync(identifier, email, created, http.RequestAborted);
        if (!entry.IsOk)
        {
            return Problem(entry.Status, entry.Reason!);
        }

        // The signed bytes go back exactly as they came, so anyone can check the signature again.
        return WantsJson(http)
            ? Results.Json(EntryView.Of(entry.Value!, catalog, time.GetUtcNow()), MarketplaceJson.Default.EntryView)
            : Results.Bytes(entry.Value!.Document, RdfXml);
    }

    private static async Task<IResult> EndorsersAsync(HttpContext http, MarketplaceCatalog catalog)
    {
        var endorsers = (await catalog.EndorsersAsync(http.RequestAborted))
            .Select(e => new EndorserView(e.Id, e.Subject, e.Issuer, e.Entries, MetadataDates.Format(e.LastUpload))).ToList();
        return WantsJson(http)
            ? Results.Json<IReadOnlyList<EndorserView>>(endorsers, MarketplaceJson.Default.IReadOnlyListEndorserView)
            : Results.Text(EntryXml.Endorsers(endorsers), "application/xml; charset=utf-8");
    }

    internal static bool WantsJson(HttpContext http) =>
        string.Equals(http.Request.Query["media"], "json", StringComparison.OrdinalIgnoreCase)
        || http.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    internal static IResult Problem(ComputeStatus status, string reason) => Results.Problem(
        detail: reason,
        statusCode: status switch
        {
            ComputeStatus.NotFound => StatusCodes.Status404NotFound,
            ComputeStatus.Conflict or ComputeStatus.Duplicate => StatusCodes.Status409Conflict,
            ComputeStatus.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        });

    private static IResult WithLocation(this IResult result, string location) => new Located(result, location);

    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>201 with the new entry's path as Location and as the body, as StratusLab's clients expect.</summary>
    private sealed class CreatedText(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.ContentType = "text/plain; charset=utf-8";
            return httpContext.Response.WriteAsync(location, httpContext.RequestAborted);
        }
    }
}
