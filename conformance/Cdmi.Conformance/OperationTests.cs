namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Copy, move, X-CDMI-Partial and exports (CDMI 1.1.1 §8.2, §9.2, §13).</summary>
public class OperationTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private async Task<string> ContainerAsync(HttpClient client)
    {
        var uri = "/" + CdmiSite.Unique("ops") + "/";
        await (await client.PutContainerAsync(uri)).ExpectAsync(201);
        return uri;
    }

    [Fact]
    public async Task Copy_DataObject_MakesAnIndependentObjectWithTheSameValue()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var source = await (await client.PutObjectAsync(container + "src", """{"mimetype":"text/csv","metadata":{"k":"v"},"value":"a,b"}""")).JsonAsync();

        var copy = await (await client.PutObjectAsync(container + "dst", $$"""{"copy":"{{container}}src"}""")).JsonAsync();

        Assert.NotEqual(source.GetProperty("objectID").GetString(), copy.GetProperty("objectID").GetString());
        Assert.Equal("text/csv", copy.GetProperty("mimetype").GetString());
        Assert.Equal("v", copy.GetProperty("metadata").GetProperty("k").GetString());
        Assert.Equal("a,b", await client.GetStringAsync(container + "dst"));
        Assert.Equal("a,b", await client.GetStringAsync(container + "src"));
    }

    // CDMI 1.1.1 §8.2.5: a copy source URI naming fields copies only those fields.
    [Fact]
    public async Task Copy_SourceNamingFields_CopiesOnlyThose()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "src", """{"mimetype":"text/csv","value":"Hello, world","metadata":{"colour":"blue","size":"big"}}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "head", $$"""{"copy":"{{container}}src?value:0-4"}""")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "labels", $$"""{"copy":"{{container}}src?metadata:col;mimetype"}""")).ExpectAsync(201);
        var head = await (await client.GetCdmiAsync(container + "head")).JsonAsync();
        var labels = await (await client.GetCdmiAsync(container + "labels")).JsonAsync();

        Assert.Equal("Hello", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(head.GetProperty("value").GetString()!)));
        Assert.False(head.GetProperty("metadata").TryGetProperty("colour", out _));
        Assert.Equal("text/csv", labels.GetProperty("mimetype").GetString());
        Assert.Equal("blue", labels.GetProperty("metadata").GetProperty("colour").GetString());
        Assert.False(labels.GetProperty("metadata").TryGetProperty("size", out _));
        Assert.Equal("", labels.GetProperty("value").GetString());
        await (await client.PutObjectAsync(container + "both?metadata", $$"""{"copy":"{{container}}src?value"}""")).ExpectAsync(400);
    }

    [Fact]
    public async Task Copy_ByObjectId_Works()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var source = await (await client.PutObjectAsync(container + "src", """{"value":"by id"}""")).JsonAsync();

        await (await client.PutObjectAsync(container + "dst", $$"""{"copy":"/cdmi_objectid/{{source.GetProperty("objectID").GetString()}}"}""")).ExpectAsync(201);

        Assert.Equal("by id", await client.GetStringAsync(container + "dst"));
    }

    [Fact]
    public async Task Move_DataObject_KeepsItsIdAndLeavesNothingBehind()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var source = await (await client.PutObjectAsync(container + "old", """{"value":"moving"}""")).JsonAsync();

        var moved = await (await client.PutObjectAsync(container + "new", $$"""{"move":"{{container}}old"}""")).JsonAsync();

        Assert.Equal(source.GetProperty("objectID").GetString(), moved.GetProperty("objectID").GetString());
        Assert.Equal("new", moved.GetProperty("objectName").GetString());
        await (await client.GetCdmiAsync(container + "old")).ExpectAsync(404);
        Assert.Equal("moving", await client.GetStringAsync(container + "new"));
    }

    [Fact]
    public async Task Move_Container_CarriesItsChildren()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "a/")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "a/f", """{"value":"inside"}""")).ExpectAsync(201);

        await (await client.PutContainerAsync(container + "b/", $$"""{"move":"{{container}}a/"}""")).ExpectAsync(201);

        Assert.Equal("inside", await client.GetStringAsync(container + "b/f"));
        await (await client.GetCdmiAsync(container + "a/")).ExpectAsync(404);
    }

    [Fact]
    public async Task Partial_IsProcessingUntilTheFinalWrite()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var first = Cdmi.Request(HttpMethod.Put, container + "upload", "application/cdmi-object", """{"value":"part one, "}""");
        first.Headers.TryAddWithoutValidation("X-CDMI-Partial", "true");

        await (await client.SendAsync(first)).ExpectAsync(201);
        var during = await (await client.GetCdmiAsync(container + "upload?completionStatus")).JsonAsync();
        await (await client.PutObjectAsync(container + "upload?value:10-17", """{"value":"cGFydCB0d28="}""")).ExpectAsync(204);
        var after = await (await client.GetCdmiAsync(container + "upload?completionStatus;value")).JsonAsync();

        Assert.Equal("Processing", during.GetProperty("completionStatus").GetString());
        Assert.Equal("Complete", after.GetProperty("completionStatus").GetString());
        Assert.Equal("part one, part two", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(after.GetProperty("value").GetString()!)));
    }

    // CDMI 1.1.1 §8.2.2: GET returns no value while completionStatus is not Complete.
    [Fact]
    public async Task Partial_ValueIsNotShownWhileProcessing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var first = Cdmi.Request(HttpMethod.Put, container + "upload", "application/cdmi-object", """{"value":"half"}""");
        first.Headers.TryAddWithoutValidation("X-CDMI-Partial", "true");
        await (await client.SendAsync(first)).ExpectAsync(201);

        var whole = await (await client.GetCdmiAsync(container + "upload")).JsonAsync();
        var valueOnly = await (await client.GetCdmiAsync(container + "upload?value")).JsonAsync();

        Assert.Equal("Processing", whole.GetProperty("completionStatus").GetString());
        Assert.False(whole.TryGetProperty("value", out _));
        Assert.True(whole.TryGetProperty("metadata", out _));
        // §8.3.6: valuetransferencoding is mandatory in the answer; only the value waits for Complete.
        Assert.Equal("utf-8", whole.GetProperty("valuetransferencoding").GetString());
        Assert.False(valueOnly.TryGetProperty("value", out _));
        Assert.Equal("Processing", valueOnly.GetProperty("completionStatus").GetString());
    }

    // CDMI 1.1.1 §8.2.5: metadata and mimetype given with move replace the source's.
    [Fact]
    public async Task Move_WithMetadataAndMimetype_ReplacesTheSources()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "old", """{"value":"moving","metadata":{"before":"move"}}""")).ExpectAsync(201);

        var moved = await (await client.PutObjectAsync(container + "new",
            $$$"""{"move":"{{{container}}}old","mimetype":"application/json","metadata":{"after":"move"}}""")).JsonAsync();

        Assert.Equal("application/json", moved.GetProperty("mimetype").GetString());
        Assert.Equal("move", moved.GetProperty("metadata").GetProperty("after").GetString());
        Assert.False(moved.GetProperty("metadata").TryGetProperty("before", out _));
        Assert.Equal("moving", await client.GetStringAsync(container + "new"));
    }

    // CDMI 1.1.1 §9.1: any request on an existing container without its trailing slash is redirected.
    [Fact]
    public async Task Delete_ContainerWithoutItsSlash_Is301_AndDeletesNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "sub/")).ExpectAsync(201);

        var response = await client.DeleteCdmiAsync(container + "sub");

        await response.ExpectAsync(301);
        Assert.EndsWith(container + "sub/", response.Headers.Location!.OriginalString);
        await (await client.GetCdmiAsync(container + "sub/")).ExpectAsync(200);
    }

    [Fact]
    public async Task ValueRange_OfAnEmptyValue_IsEmpty()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "empty", """{"value":""}""")).ExpectAsync(201);

        var read = await (await client.GetCdmiAsync(container + "empty?valuerange;value:0-9")).JsonAsync();

        Assert.Equal("", read.GetProperty("valuerange").GetString());
        Assert.Equal("", read.GetProperty("value").GetString());
    }

    // CDMI 1.1.1 §8.1: a byte range of a UTF-8 string is often not one, so a range always travels as base64.
    [Fact]
    public async Task ValueRange_OfAUtf8Value_TravelsAsBase64()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "text", """{"value":"héllo"}""")).ExpectAsync(201);

        var cut = await (await client.GetCdmiAsync(container + "text?valuetransferencoding;value:0-1")).JsonAsync();
        var whole = await (await client.GetCdmiAsync(container + "text?valuetransferencoding;value:0-2")).JsonAsync();

        Assert.Equal("base64", cut.GetProperty("valuetransferencoding").GetString());
        Assert.Equal(new byte[] { (byte)'h', 0xC3 }, Convert.FromBase64String(cut.GetProperty("value").GetString()!));
        Assert.Equal("base64", whole.GetProperty("valuetransferencoding").GetString());
        Assert.Equal("h\u00e9", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(whole.GetProperty("value").GetString()!)));
        Assert.Equal("utf-8", (await (await client.GetCdmiAsync(container + "text?valuetransferencoding")).JsonAsync()).GetProperty("valuetransferencoding").GetString());
    }

    [Fact]
    public async Task Exports_OcciIscsi_IsKeptOnTheContainer()
    {
        using var client = site.Cdmi();
        var uri = "/" + CdmiSite.Unique("volume") + "/";
        const string exports = """{"exports":{"OCCI/iSCSI":{"identifier":"00007E7A0018AB7F1A2D","permissions":["http://example.com/compute/i-0123456789abcdef0/"]}}}""";

        await (await client.PutContainerAsync(uri, exports)).ExpectAsync(201);
        var json = await (await client.GetCdmiAsync(uri + "?exports")).JsonAsync();

        // The permissions are kept as given; the identifier is the server's: where computes attach the container's volume.
        var export = json.GetProperty("exports").GetProperty("OCCI/iSCSI");
        Assert.Equal("http://example.com/compute/i-0123456789abcdef0/", export.GetProperty("permissions")[0].GetString());
        Assert.StartsWith("/storage/vol-", export.GetProperty("identifier").GetString());
        await (await client.PutContainerAsync("/" + CdmiSite.Unique("volume") + "/", """{"exports":{"OCCI/iSCSI":{"permissions":5}}}""")).ExpectAsync(400);
        await (await client.DeleteCdmiAsync(uri)).ExpectAsync(204);
    }
}

/// <summary>The cdmi.createParents site option.</summary>
public class CreateParentsTests(CreateParentsSite site) : IClassFixture<CreateParentsSite>
{
    [Fact]
    public async Task Put_DeepPath_CreatesEveryMissingContainer()
    {
        using var client = site.Cdmi();
        var top = "/" + CdmiSite.Unique("deep");

        await (await client.PutObjectAsync(top + "/a/b/f", """{"value":"deep"}""")).ExpectAsync(201);

        var middle = await (await client.GetCdmiAsync(top + "/a/")).JsonAsync();
        Assert.Equal(["b/"], middle.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
    }
}
