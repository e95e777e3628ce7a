using System.Text.Json;
using System.Text.Json.Serialization;
using StandardsCloud.Marketplace.Entries;

namespace StandardsCloud.Marketplace.Http;

/// <summary>An entry as JSON clients see it.</summary>
public sealed record EntryView(
    string Identifier, string Email, string Created, string Href, string Status, bool Trusted, string TrustReason,
    string? Valid, string? Deprecated, string Type, string? Title, string? Description, string? Os, string? OsVersion,
    string? OsArch, string? Hypervisor, string? Format, long Bytes, string Sha1, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Locations, string Subject, string Issuer)
{
    public static EntryView Of(MarketplaceEntry e, MarketplaceCatalog catalog, DateTimeOffset now)
    {
        var trust = catalog.TrustOf(e);
        return new EntryView(e.Identifier, e.Email, e.CreatedText, MarketplaceRoutes.EntryPath(e), e.StatusAt(now).ToString().ToLowerInvariant(),
            trust.Trusted, trust.Reason, e.Valid is { } v ? Rdf.MetadataDates.Format(v) : null, e.Deprecated, e.Type, e.Title,
            e.Description, e.Os, e.OsVersion, e.OsArch, e.Hypervisor, e.Format, e.Bytes, e.Sha1, e.Tags, e.Locations, e.Subject, e.Issuer);
    }
}

/// <summary>An endorser as JSON clients see it.</summary>
public sealed record EndorserView(string Email, string Subject, string Issuer, int Entries, string LastUpload);

/// <summary>JSON of the Marketplace API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EntryView))]
[JsonSerializable(typeof(IReadOnlyList<EntryView>))]
[JsonSerializable(typeof(IReadOnlyList<EndorserView>))]
public sealed partial class MarketplaceJson : JsonSerializerContext;
