using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StandardsCloud.Marketplace.Tests.Support;

namespace StandardsCloud.Marketplace.Tests;

public sealed class MetadataUploadTests(MarketplaceFixture market) : IClassFixture<MarketplaceFixture>
{
    private static readonly DateTimeOffset T1 = new(2026, 11, 26, 5, 0, 0, TimeSpan.Zero);

    private static string NewSha1() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private static ByteArrayContent Rdf(byte[] document)
    {
        var content = new ByteArrayContent(document);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/rdf+xml");
        return content;
    }

    [Fact]
    public async Task Post_SharedVector_CreatedAndOriginalBytesServedBack()
    {
        using var client = market.Client();
        var document = Vectors.Bytes(Vectors.LegacySigned);

        var response = await client.PostAsync("/metadata", Rdf(document));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/metadata/KHMqIKj0BqNwaU4go1qabTsCKqw/jane.tester%40example.org/2026-11-26T04:00:00Z", response.Headers.Location!.OriginalString);
        var served = await client.GetAsync(response.Headers.Location);
        Assert.Equal("application/rdf+xml", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(document, await served.Content.ReadAsByteArrayAsync());

        var again = await client.PostAsync("/metadata", Rdf(Vectors.Bytes(Vectors.ExclusiveSigned)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("a new entry must have a later endorsement date", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NewerAndOlder_OnlyStrictlyNewerAccepted_NothingDeleted()
    {
        using var client = market.Client();
        var sha1 = NewSha1();
        var identifier = StandardsCloud.Marketplace.Rdf.MarketplaceIdentifier.FromSha1(sha1)!;

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/metadata", Rdf(Vectors.OtherImage(sha1, T1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/metadata", Rdf(Vectors.OtherImage(sha1, T1.AddHours(-1))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/metadata", Rdf(Vectors.OtherImage(sha1, T1.AddHours(1))))).StatusCode);

        var valid = await client.GetFromJsonAsync<JsonElement[]>($"/metadata?identifier={identifier}&media=json");
        Assert.Equal(["2026-11-26T06:00:00Z"], valid!.Select(e => e.GetProperty("created").GetString()));
        var all = await client.GetFromJsonAsync<JsonElement[]>($"/metadata/{identifier}?status=all&media=json");
        Assert.Equal(["superseded", "valid"], all!.Select(e => e.GetProperty("status").GetString()).Order());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/metadata/{identifier}/{Vectors.Email}/2026-11-26T05:00:00Z")).StatusCode);
    }

    [Fact]
    public async Task Post_Multipart_Created()
    {
        using var client = market.Client();
        using var form = new MultipartFormDataContent();
        form.Add(Rdf(Vectors.OtherImage(NewSha1(), T1)), "rdf", "entry.xml");

        var response = await client.PostAsync("/metadata", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_ChangedAfterSigning_RefusedWithReason()
    {
        using var client = market.Client();
        var text = Encoding.UTF8.GetString(Vectors.OtherImage(NewSha1(), T1)).Replace("busybox", "debian", StringComparison.Ordinal);

        var response = await client.PostAsync("/metadata", Rdf(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signed content was changed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Dtd_Refused()
    {
        using var client = market.Client();
        var hostile = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"u8.ToArray();

        var response = await client.PostAsync("/metadata", Rdf(hostile));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("DTD is not allowed", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Oversized_RefusedBeforeParsing()
    {
        using var client = market.Client();

        var response = await client.PostAsync("/metadata", Rdf(new byte[1024 * 1024]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 262144 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EndorsedInTheFuture_Refused()
    {
        using var client = market.Client();

        var response = await client.PostAsync("/metadata", Rdf(Vectors.OtherImage(NewSha1(), market.Clock.GetUtcNow().AddDays(1))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lies in the future", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownEntry_NotFound()
    {
        using var client = market.Client();

        var response = await client.GetAsync($"/metadata/AAAAAAAAAAAAAAAAAAAAAAAAAAB/{Vectors.Email}/2026-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
