using System.Net.Http.Headers;
using System.Text;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Non-CDMI HTTP on the same URIs (CDMI 1.1.1 §11): raw values, ranges, partial writes.</summary>
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
        // CDMI 1.1.1 §9.3: a non-CDMI PUT on a container URI creates it.
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
