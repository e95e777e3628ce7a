using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StandardsCloud.Marketplace.Entries;

namespace StandardsCloud.Marketplace.Http;

/// <summary>Pages for people: browse and search the valid entries, and one entry with its endorsement, trust and policy decision.</summary>
internal static class MarketplacePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/marketplace", BrowseAsync);
        app.MapGet("/marketplace/{identifier}/{email}/{created}", EntryAsync);
    }

    private static async Task<IResult> BrowseAsync(HttpContext http, MarketplaceCatalog catalog)
    {
        var q = http.Request.Query;
        string? Get(string name) => string.IsNullOrWhiteSpace(q[name]) ? null : q[name].ToString().Trim();
        var query = new EntryQuery { Text = Get("q"), Os = Get("os"), Arch = Get("arch"), Email = Get("email"), Status = Get("status") ?? "valid" };
        var found = await catalog.FindAsync(query, http.RequestAborted);
        if (!found.IsOk)
        {
            return MarketplaceRoutes.Problem(found.Status, found.Reason!);
        }

        var body = new StringBuilder();
        body.Append("<h1>Marketplace</h1><form method='get' action='/marketplace'>")
            .Append($"<input name='q' placeholder='words' value='{E(query.Text)}'> <input name='os' placeholder='os' value='{E(query.Os)}'> ")
            .Append($"<input name='arch' placeholder='arch' value='{E(query.Arch)}'> <input name='email' placeholder='endorser' value='{E(query.Email)}'> ")
            .Append("<button>Search</button></form>")
            .Append($"<p>{found.Value!.Count} image(s)</p><table><tr><th>Title</th><th>Identifier</th><th>OS</th><th>Arch</th><th>Endorser</th><th>Endorsed</th><th>Trusted</th></tr>");
        foreach (var e in found.Value!)
        {
            body.Append($"<tr><td><a href='{E(PagePath(e))}'>{E(e.Title ?? e.Identifier)}</a></td><td><code>{E(e.Identifier)}</code></td>")
                .Append($"<td>{E(e.Os)} {E(e.OsVersion)}</td><td>{E(e.OsArch)}</td><td>{E(e.Email)}</td><td>{E(e.CreatedText)}</td>")
                .Append($"<td>{(catalog.TrustOf(e).Trusted ? "yes" : "no")}</td></tr>");
        }

        body.Append("</table>");
        return Page("Marketplace", body.ToString());
    }

    private static async Task<IResult> EntryAsync(string identifier, string email, string created, HttpContext http, MarketplaceCatalog catalog, TimeProvider time)
    {
        var found = await catalog.GetAsync(identifier, email, created, http.RequestAborted);
        if (!found.IsOk)
        {
            return MarketplaceRoutes.Problem(found.Status, found.Reason!);
        }

        var e = found.Value!;
        var trust = catalog.TrustOf(e);
        var policy = catalog.PolicyOf(e);
        var rows = new (string, string?)[]
        {
            ("Identifier", e.Identifier), ("Status", e.StatusAt(time.GetUtcNow()).ToString().ToLowerInvariant()),
            ("Description", e.Description), ("OS", $"{e.Os} {e.OsVersion} {e.OsArch}".Trim()), ("Format", e.Format),
            ("Bytes", e.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("SHA-1", e.Sha1),
            ("Tags", string.Join(", ", e.Tags)), ("Locations", string.Join(" ", e.Locations)), ("Valid until", e.Valid is { } v ? Rdf.MetadataDates.Format(v) : "no expiry"),
            ("Deprecated", e.Deprecated), ("Endorser", e.Email), ("Endorser subject", e.Subject), ("Endorser issuer", e.Issuer),
            ("Endorsed", e.CreatedText), ("Trust", trust.Reason), ("Site policy", policy.Reason),
        };
        var body = new StringBuilder($"<h1>{E(e.Title ?? e.Identifier)}</h1><table>");
        foreach (var (name, value) in rows.Where(r => !string.IsNullOrEmpty(r.Item2)))
        {
            body.Append($"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>");
        }

        body.Append($"</table><p><a href='{E(MarketplaceRoutes.EntryPath(e))}'>signed metadata</a> · <a href='/marketplace'>all images</a></p>");
        return Page(e.Title ?? e.Identifier, body.ToString());
    }

    private static string PagePath(MarketplaceEntry e) => $"/marketplace/{e.Identifier}/{Uri.EscapeDataString(e.Email)}/{e.CreatedText}";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static IResult Page(string title, string body) => Results.Content(
        $"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{E(title)}</title></head><body>{body}</body></html>",
        "text/html; charset=utf-8");
}
