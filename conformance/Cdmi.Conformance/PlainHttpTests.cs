using System.Net.Http.Headers;
using System.Text;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Non-CDMI HTTP on the same URIs (CDMI 1.1.1 §6, §7): raw values, ranges, partial writes.</summary>
public class PlainHttpTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private static HttpRequestMessage Plain(HttpMethod method, string uri, string? body = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    private async Task<string> ContainerAsync(HttpClient client)
    {
        var uri = "/" + CdmiSite.Unique("plain") + "/";
        // CDMI 1.1.1 §7.2: a non-CDMI PUT on a container URI creates it.
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, uri))).ExpectAsync(201);
        return uri;
    }

    [Fact]
    public async Task Put_ThenGet_AnswersTheBytesWithTheirMimetype()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await (await client.SendAsync(Plain(HttpMethod.Put, container + "note.txt", "plain words", "text/plain"))).ExpectAsync(201);
        var response = await client.GetAsync(container + "note.txt");

        await response.ExpectAsync(200);
        Assert.Equal("text/plain", response.ContentType()!.MediaType);
        Assert.Equal("plain words", await response.Content.ReadAsStringAsync());
        Assert.Equal(11, response.Content.Headers.ContentLength);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "note.txt", "second", "text/plain"))).ExpectAsync(204);
        Assert.Equal("second", await client.GetStringAsync(container + "note.txt"));
    }

    // CDMI 1.1.1 §7.2.4: "A request body shall not be provided"; Table 15: 400 for invalid parameters.
    [Fact]
    public async Task Put_ContainerUriWithABody_Is400_AndCreatesNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var chunked = Plain(HttpMethod.Put, container + "chunked/");
        chunked.Content = new StreamContent(new MemoryStream("bytes"u8.ToArray()));
        chunked.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(Plain(HttpMethod.Put, container + "new/", "some bytes", "text/plain"));
        var streamed = await client.SendAsync(chunked);
        var existing = await client.SendAsync(Plain(HttpMethod.Put, container, "more bytes", "text/plain"));

        await response.ExpectAsync(400);
        Assert.Equal("text/plain", response.ContentType()!.MediaType);
        Assert.Contains("takes no body", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await streamed.ExpectAsync(400);
        await existing.ExpectAsync(400);
        await (await client.GetCdmiAsync(container + "new/")).ExpectAsync(404);
        await (await client.GetCdmiAsync(container + "new")).ExpectAsync(404);
        await (await client.GetCdmiAsync(container + "chunked/")).ExpectAsync(404);
        Assert.Empty((await (await client.GetCdmiAsync(container + "?children")).JsonAsync()).GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task Put_ContainerUriWithAnEmptyBody_CreatesTheContainer()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var empty = new HttpRequestMessage(HttpMethod.Put, container + "made/") { Content = new ByteArrayContent([]) };

        var response = await client.SendAsync(empty);

        await response.ExpectAsync(201);
        Assert.Equal("made/", (await (await client.GetCdmiAsync(container + "made/")).JsonAsync()).GetProperty("objectName").GetString());
    }

    [Fact]
    public async Task Put_Plain_ReadsBackThroughCdmiAsBase64()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "raw", "héllo", "application/x-thing"))).ExpectAsync(201);

        var json = await (await client.GetCdmiAsync(container + "raw")).JsonAsync();

        Assert.Equal("base64", json.GetProperty("valuetransferencoding").GetString());
        Assert.Equal("application/x-thing", json.GetProperty("mimetype").GetString());
        Assert.Equal("héllo", Encoding.UTF8.GetString(Convert.FromBase64String(json.GetProperty("value").GetString()!)));
    }

    [Fact]
    public async Task Get_Range_Answers206WithContentRange()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "digits", "0123456789", "text/plain"))).ExpectAsync(201);
        var request = new HttpRequestMessage(HttpMethod.Get, container + "digits");
        request.Headers.Range = new RangeHeaderValue(3, 5);
        var past = new HttpRequestMessage(HttpMethod.Get, container + "digits");
        past.Headers.Range = new RangeHeaderValue(50, 60);

        var response = await client.SendAsync(request);
        var unsatisfiable = await client.SendAsync(past);

        await response.ExpectAsync(206);
        Assert.Equal("345", await response.Content.ReadAsStringAsync());
        Assert.Equal("bytes 3-5/10", response.Content.Headers.ContentRange!.ToString());
        await unsatisfiable.ExpectAsync(416);
    }

    [Fact]
    public async Task Put_ContentRange_WritesThoseBytesOnly()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "digits", "0123456789", "text/plain"))).ExpectAsync(201);
        var patch = Plain(HttpMethod.Put, container + "digits", "xyz", "text/plain");
        patch.Content!.Headers.ContentRange = new ContentRangeHeaderValue(7, 9, 10);
        var bad = Plain(HttpMethod.Put, container + "digits", "x", "text/plain");
        bad.Content!.Headers.TryAddWithoutValidation("Content-Range", "bytes 9-3/10");

        await (await client.SendAsync(patch)).ExpectAsync(204);
        await (await client.SendAsync(bad)).ExpectAsync(400);

        Assert.Equal("0123456xyz", await client.GetStringAsync(container + "digits"));
    }

    [Fact]
    public async Task Put_ContentRangeWithoutContentType_KeepsTheMimetype()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "table", "a,b\n1,2\n", "text/csv"))).ExpectAsync(201);
        var patch = Plain(HttpMethod.Put, container + "table", "3", null);
        patch.Content!.Headers.ContentRange = new ContentRangeHeaderValue(6, 6, 8);

        await (await client.SendAsync(patch)).ExpectAsync(204);
        var response = await client.GetAsync(container + "table");

        Assert.Equal("text/csv", response.ContentType()!.MediaType);
        Assert.Equal("a,b\n1,3\n", await response.Content.ReadAsStringAsync());
    }

    // Byte-range writes to one object at once: each lands, none is lost to another's copy.
    [Fact]
    public async Task Put_ContentRange_ConcurrentWritesAllLand()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "cells", new string('.', 16), "text/plain"))).ExpectAsync(201);

        var writes = Enumerable.Range(0, 16).Select(async i =>
        {
            var patch = Plain(HttpMethod.Put, container + "cells", ((char)('A' + i)).ToString(), "text/plain");
            patch.Content!.Headers.ContentRange = new ContentRangeHeaderValue(i, i, 16);
            return (int)(await client.SendAsync(patch)).StatusCode;
        });
        var statuses = await Task.WhenAll(writes);

        Assert.All(statuses, status => Assert.Equal(204, status));
        Assert.Equal("ABCDEFGHIJKLMNOP", await client.GetStringAsync(container + "cells"));
    }

    // RFC 9110 §13: the validators GET answers make later requests conditional.
    [Fact]
    public async Task ConditionalRequests_AnswerAsHttpSays()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var uri = container + "doc";
        await (await client.SendAsync(Plain(HttpMethod.Put, uri, "first", "text/plain"))).ExpectAsync(201);
        var read = await client.GetAsync(uri);
        var etag = read.Headers.ETag!.ToString();
        var lastModified = read.Content.Headers.LastModified!.Value;

        HttpRequestMessage With(HttpRequestMessage request, string header, string value)
        {
            request.Headers.TryAddWithoutValidation(header, value);
            return request;
        }

        var unchanged = await client.SendAsync(With(Plain(HttpMethod.Get, uri), "If-None-Match", etag));
        Assert.Equal(304, (int)unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag!.ToString());
        Assert.Equal(304, (int)(await client.SendAsync(With(Plain(HttpMethod.Get, uri), "If-Modified-Since", lastModified.ToString("R")))).StatusCode);
        await (await client.SendAsync(With(Plain(HttpMethod.Get, uri), "If-None-Match", "\"other\""))).ExpectAsync(200);

        // A write or delete under a condition that no longer holds changes nothing.
        await (await client.SendAsync(With(Plain(HttpMethod.Put, uri, "lost", "text/plain"), "If-Match", "\"stale\""))).ExpectAsync(412);
        await (await client.SendAsync(With(Plain(HttpMethod.Put, uri, "again", "text/plain"), "If-None-Match", "*"))).ExpectAsync(412);
        await (await client.SendAsync(With(Plain(HttpMethod.Delete, uri), "If-Unmodified-Since", "Thu, 01 Jan 2015 00:00:00 GMT"))).ExpectAsync(412);
        Assert.Equal("first", await client.GetStringAsync(uri));

        await (await client.SendAsync(With(Plain(HttpMethod.Put, uri, "second", "text/plain"), "If-Match", etag))).ExpectAsync(204);
        await (await client.SendAsync(With(Plain(HttpMethod.Put, container + "fresh", "new", "text/plain"), "If-None-Match", "*"))).ExpectAsync(201);
        Assert.Equal("second", await client.GetStringAsync(uri));

        // If-Range: a range of the old value is not a range of the new one.
        var stale = With(Plain(HttpMethod.Get, uri), "If-Range", etag);
        stale.Headers.Range = new RangeHeaderValue(0, 2);
        var whole = await client.SendAsync(stale);
        Assert.Equal(200, (int)whole.StatusCode);
        Assert.Equal("second", await whole.Content.ReadAsStringAsync());
        var current = With(Plain(HttpMethod.Get, uri), "If-Range", (await client.GetAsync(uri)).Headers.ETag!.ToString());
        current.Headers.Range = new RangeHeaderValue(0, 2);
        var part = await client.SendAsync(current);
        Assert.Equal(206, (int)part.StatusCode);
        Assert.Equal("sec", await part.Content.ReadAsStringAsync());
    }

    // If-Match as a lost-update guard: of writers that read the same version, one wins, the others get 412.
    [Fact]
    public async Task Put_IfMatch_ConcurrentWritersOfOneVersion_OneWins()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "counter", "0", "text/plain"))).ExpectAsync(201);
        var etag = (await client.GetAsync(container + "counter")).Headers.ETag!.ToString();

        var writes = Enumerable.Range(1, 8).Select(async i =>
        {
            var put = Plain(HttpMethod.Put, container + "counter", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "text/plain");
            put.Headers.TryAddWithoutValidation("If-Match", etag);
            return (int)(await client.SendAsync(put)).StatusCode;
        });
        var statuses = await Task.WhenAll(writes);

        Assert.Equal(1, statuses.Count(s => s == 204));
        Assert.Equal(7, statuses.Count(s => s == 412));
    }

    [Fact]
    public async Task Head_AnswersTheLengthWithoutTheBody()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "f", "12345", "text/plain"))).ExpectAsync(201);

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, container + "f"));

        await response.ExpectAsync(200);
        Assert.Equal(5, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Delete_Plain_Answers204()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Plain(HttpMethod.Put, container + "f", "x", "text/plain"))).ExpectAsync(201);

        await (await client.DeleteAsync(container + "f")).ExpectAsync(204);
        await (await client.GetAsync(container + "f")).ExpectAsync(404);
    }
}
