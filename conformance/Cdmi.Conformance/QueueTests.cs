namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Queue objects (CDMI 1.1.1 §11): create, enqueue, read the oldest values, remove them.</summary>
public class QueueTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private static HttpRequestMessage Enqueue(string uri, string body) =>
        Cdmi.Request(HttpMethod.Post, uri, "application/cdmi-queue", body, "application/cdmi-queue");

    private async Task<string> QueueAsync(HttpClient client)
    {
        var container = "/" + CdmiSite.Unique("queues") + "/";
        await (await client.PutContainerAsync(container)).ExpectAsync(201);
        var uri = container + "jobs";
        var created = await client.SendAsync(Cdmi.Request(HttpMethod.Put, uri, "application/cdmi-queue", """{"metadata":{}}""", "application/cdmi-queue"));
        await created.ExpectAsync(201);
        var json = await created.JsonAsync();
        Assert.Equal("application/cdmi-queue", json.GetProperty("objectType").GetString());
        Assert.Equal("", json.GetProperty("queueValues").GetString());
        return uri;
    }

    [Fact]
    public async Task Enqueue_ThenRead_GivesTheOldestFirst()
    {
        using var client = site.Cdmi();
        var uri = await QueueAsync(client);

        await (await client.SendAsync(Enqueue(uri, """{"value":"first"}"""))).ExpectAsync(204);
        await (await client.SendAsync(Enqueue(uri, """{"mimetype":["text/plain","application/octet-stream"],"valuetransferencoding":["utf-8","base64"],"value":["second","AAE="]}"""))).ExpectAsync(204);
        var oldest = await (await client.GetCdmiAsync(uri)).JsonAsync();
        var three = await (await client.GetCdmiAsync(uri + "?values:3")).JsonAsync();

        Assert.Equal("0-2", oldest.GetProperty("queueValues").GetString());
        // cdmi_size: the bytes of the values waiting, "first" (5) + "second" (6) + 2 decoded bytes.
        Assert.Equal("13", oldest.GetProperty("metadata").GetProperty("cdmi_size").GetString());
        Assert.Equal("first", oldest.GetProperty("value").GetString());
        Assert.Equal(["first", "second", "AAE="], three.GetProperty("value").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("base64", three.GetProperty("valuetransferencoding")[2].GetString());
    }

    [Fact]
    public async Task DeleteValues_RemovesTheOldestAndKeepsTheQueue()
    {
        using var client = site.Cdmi();
        var uri = await QueueAsync(client);
        await (await client.SendAsync(Enqueue(uri, """{"value":["a","b","c"]}"""))).ExpectAsync(204);

        await (await client.DeleteCdmiAsync(uri + "?values:2")).ExpectAsync(204);
        var left = await (await client.GetCdmiAsync(uri)).JsonAsync();
        await (await client.DeleteCdmiAsync(uri + "?value")).ExpectAsync(204);
        var empty = await (await client.GetCdmiAsync(uri)).JsonAsync();

        Assert.Equal("c", left.GetProperty("value").GetString());
        Assert.Equal("", empty.GetProperty("queueValues").GetString());
        Assert.False(empty.TryGetProperty("value", out _));
        await (await client.DeleteCdmiAsync(uri)).ExpectAsync(204);
        await (await client.GetCdmiAsync(uri)).ExpectAsync(404);
    }

    [Fact]
    public async Task Enqueue_Malformed_Is400()
    {
        using var client = site.Cdmi();
        var uri = await QueueAsync(client);

        await (await client.SendAsync(Enqueue(uri, """{}"""))).ExpectAsync(400);
        await (await client.SendAsync(Enqueue(uri, """{"value":[1]}"""))).ExpectAsync(400);
        await (await client.SendAsync(Enqueue(uri, """{"valuetransferencoding":"base64","value":"%%%"}"""))).ExpectAsync(400);
        await (await client.GetCdmiAsync(uri + "?values:0")).ExpectAsync(400);
    }
}
