using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using StandardsCloud.Marketplace.Rdf;
using StandardsCloud.Marketplace.Tests.Support;

namespace StandardsCloud.Marketplace.Tests;

public sealed class MetadataQueryTests(MarketplaceFixture market) : IClassFixture<MarketplaceFixture>
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 26, 5, 0, 0, TimeSpan.Zero);

    private async Task<string> UploadAsync(Func<ImageMetadata, ImageMetadata>? change = null, DateTimeOffset? created = null, string? sha1 = null)
    {
        sha1 ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        using var client = market.Client();
        var content = new ByteArrayContent(Vectors.OtherImage(sha1, created ?? T1, change));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/rdf+xml");
        var response = await client.PostAsync("/metadata", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return MarketplaceIdentifier.FromSha1(sha1)!;
    }

    private async Task<string[]> IdentifiersAsync(string query)
    {
        using var client = market.Client();
        var found = await client.GetFromJsonAsync<JsonElement[]>(query + (query.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "media=json");
        return [.. found!.Select(e => e.GetProperty("identifier").GetString()!)];
    }

    [Fact]
    public async Task Get_DeprecatedByNewerEntry_LeavesTheValidList()
    {
        var sha1 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var identifier = await UploadAsync(sha1: sha1);
        await UploadAsync(m => m with { Deprecated = "kernel with a known hole" }, T1.AddHours(1), sha1);

        Assert.DoesNotContain(identifier, await IdentifiersAsync("/metadata"));
        Assert.Contains(identifier, await IdentifiersAsync("/metadata?status=deprecated"));
        using var client = market.Client();
        var entry = (await client.GetFromJsonAsync<JsonElement[]>($"/metadata?identifier={identifier}&status=deprecated&media=json"))!.Single();
        Assert.Equal("kernel with a known hole", entry.GetProperty("deprecated").GetString());
    }

    [Fact]
    public async Task Get_Expired_OnlyUnderExpired()
    {
        var identifier = await UploadAsync(m => m with { Valid = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero) });

        Assert.DoesNotContain(identifier, await IdentifiersAsync("/metadata"));
        Assert.Contains(identifier, await IdentifiersAsync("/metadata?status=expired"));
        Assert.Contains(identifier, await IdentifiersAsync("/metadata?status=all"));
    }

    [Fact]
    public async Task Get_Filters_SelectByOsArchTagLocationAndText()
    {
        var wanted = await UploadAsync(m => m with
        {
            Os = "ttylinux", OsArch = "i486", Tags = ["tty-9"], Locations = ["http://images.example.org/tty.img"], Title = "Tiny teletype Linux",
        });
        var other = await UploadAsync(m => m with { Os = "debian", OsArch = "x86_64", Tags = ["bookworm"], Title = "Debian twelve" });

        Assert.Equal([wanted], await IdentifiersAsync("/metadata?os=ttylinux&arch=i486"));
        Assert.Equal([wanted], await IdentifiersAsync("/tags/tty-9"));
        Assert.Equal([wanted], await IdentifiersAsync("/metadata?location=http%3A%2F%2Fimages.example.org%2Ftty.img"));
        Assert.Equal([wanted], await IdentifiersAsync("/metadata?q=teletype%20tiny"));
        Assert.Equal([other], await IdentifiersAsync("/metadata?q=DEBIAN"));
        Assert.Equal([wanted], await IdentifiersAsync("/metadata?q=tty%209%20i486"));
        Assert.Empty(await IdentifiersAsync("/metadata?q=teletyp"));
        Assert.Contains(wanted, await IdentifiersAsync($"/metadata?email={Vectors.Email.ToUpperInvariant()}"));
    }

    [Fact]
    public async Task Get_Xml_HoldsEachSignedDocumentStillVerifying()
    {
        var identifier = await UploadAsync();
        using var client = market.Client();

        var xml = await client.GetStringAsync($"/metadata?identifier={identifier}");

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        Assert.Equal("metadata", document.DocumentElement!.Name);
        var rdf = document.DocumentElement.ChildNodes.OfType<XmlElement>().Single();
        var verified = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(rdf.OuterXml));
        Assert.True(verified.IsOk, verified.Reason);
        Assert.Equal(identifier, verified.Value!.Metadata.Identifier);
    }

    [Fact]
    public async Task Get_UnknownStatus_BadRequest()
    {
        using var client = market.Client();

        var response = await client.GetAsync("/metadata?status=sometimes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not one of valid, expired, deprecated, all", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Endorsers_ListsTheEndorserWithSubject()
    {
        await UploadAsync();
        using var client = market.Client();

        var endorsers = await client.GetFromJsonAsync<JsonElement[]>("/endorsers?media=json");
        var xml = await client.GetStringAsync("/endorsers");

        var jane = endorsers!.Single(e => e.GetProperty("email").GetString() == Vectors.Email);
        Assert.Equal("CN=Jane Tester,OU=Testing Department,O=StandardsCloud Test,C=EU", jane.GetProperty("subject").GetString());
        Assert.True(jane.GetProperty("entries").GetInt32() >= 1);
        Assert.Contains("<email>jane.tester@example.org</email>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_BrowseAndEntry_ShowEndorsementAndTrust()
    {
        var identifier = await UploadAsync(m => m with { Title = "Page test image" });
        using var client = market.Client();

        var browse = await client.GetStringAsync("/marketplace?q=page%20test");
        var entry = await client.GetStringAsync($"/marketplace/{identifier}/{Vectors.Email}/2026-11-26T05:00:00Z");

        Assert.Contains("Page test image", browse, StringComparison.Ordinal);
        Assert.Contains(identifier, browse, StringComparison.Ordinal);
        Assert.Contains("CN=Jane Tester,OU=Testing Department", entry, StringComparison.Ordinal);
        Assert.Contains("chains to the site&#39;s CA bundle", entry, StringComparison.Ordinal);
        Assert.Contains("allowed by the site&#39;s image policy", entry, StringComparison.Ordinal);
    }
}
