using System.Text.Json;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>The request/response examples of CDMI 1.1.1, replayed against the server.</summary>
public class SpecificationExampleTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private const string ExampleValue = "This is the Value of this Data Object";

    private async Task<string> ContainerAsync(HttpClient client)
    {
        var uri = "/" + CdmiSite.Unique("MyContainer") + "/";
        await (await client.PutContainerAsync(uri, """{ "metadata" : { } }""")).ExpectAsync(201);
        return uri;
    }

    // CDMI 1.1.1 §9.2.9 example 1: create a container.
    [Fact]
    public async Task CreateContainer_Example_Answers201WithEveryField()
    {
        using var client = site.Cdmi();
        var uri = "/" + CdmiSite.Unique("MyContainer") + "/";

        var response = await client.PutContainerAsync(uri, """{ "metadata" : { } }""");

        await response.ExpectAsync(201);
        Assert.Equal("application/cdmi-container", response.ContentType()!.MediaType);
        Assert.Equal("1.1.1", response.Header(Cdmi.VersionHeader));
        var json = await response.JsonAsync();
        Assert.Equal("application/cdmi-container", json.GetProperty("objectType").GetString());
        Assert.Equal(uri[1..], json.GetProperty("objectName").GetString());
        Assert.Equal("/", json.GetProperty("parentURI").GetString());
        Assert.Equal("/cdmi_capabilities/container/", json.GetProperty("capabilitiesURI").GetString());
        Assert.Equal("Complete", json.GetProperty("completionStatus").GetString());
        foreach (var field in new[] { "objectID", "parentID", "domainURI", "metadata", "exports", "childrenrange", "children" })
        {
            Assert.True(json.TryGetProperty(field, out var value), field);
            Assert.NotEqual(JsonValueKind.Null, value.ValueKind);
        }
    }

    // CDMI 1.1.1 §8.2.9 example 1: create a data object with a UTF-8 value.
    [Fact]
    public async Task CreateDataObject_Example_Answers201WithoutTheValue()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        var response = await client.PutObjectAsync(container + "MyDataObject.txt",
            $$"""{ "mimetype" : "text/plain", "metadata" : { }, "value" : "{{ExampleValue}}" }""");

        await response.ExpectAsync(201);
        var json = await response.JsonAsync();
        Assert.Equal("application/cdmi-object", json.GetProperty("objectType").GetString());
        Assert.Equal("MyDataObject.txt", json.GetProperty("objectName").GetString());
        Assert.Equal(container, json.GetProperty("parentURI").GetString());
        Assert.Equal("text/plain", json.GetProperty("mimetype").GetString());
        Assert.Equal(ExampleValue.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            json.GetProperty("metadata").GetProperty("cdmi_size").GetString());
        Assert.False(json.TryGetProperty("value", out _));
    }

    // CDMI 1.1.1 §8.3.8 examples 1, 3 and 4: read all, read named fields, read a value range.
    [Fact]
    public async Task ReadDataObject_Examples_AnswerTheValueTheFieldsAndTheRange()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var uri = container + "MyDataObject.txt";
        await (await client.PutObjectAsync(uri, $$"""{ "mimetype" : "text/plain", "value" : "{{ExampleValue}}" }""")).ExpectAsync(201);

        var all = await (await client.GetCdmiAsync(uri, "application/cdmi-object")).JsonAsync();
        var fields = await (await client.GetCdmiAsync(uri + "?parentURI;objectName")).JsonAsync();
        var range = await (await client.GetCdmiAsync(uri + "?valuerange;value:0-10")).JsonAsync();

        Assert.Equal(ExampleValue, all.GetProperty("value").GetString());
        Assert.Equal("0-36", all.GetProperty("valuerange").GetString());
        Assert.Equal("utf-8", all.GetProperty("valuetransferencoding").GetString());
        Assert.Equal(["objectName", "parentURI"], fields.EnumerateObject().Select(p => p.Name).Order());
        // §8.3.8 example 4: a range travels as base64 ("This is the").
        Assert.Equal("VGhpcyBpcyB0aGU=", range.GetProperty("value").GetString());
        Assert.Equal("0-10", range.GetProperty("valuerange").GetString());
    }

    // CDMI 1.1.1 §8.2.9 example 2: a base64 value.
    [Fact]
    public async Task CreateDataObject_Base64_ReadsBackTheSameBytes()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await (await client.PutObjectAsync(container + "bin",
            $$"""{ "mimetype" : "application/octet-stream", "valuetransferencoding" : "base64", "value" : "{{Convert.ToBase64String(bytes)}}" }""")).ExpectAsync(201);
        var raw = await client.GetByteArrayAsync(container + "bin");
        var json = await (await client.GetCdmiAsync(container + "bin")).JsonAsync();

        Assert.Equal(bytes, raw);
        Assert.Equal("base64", json.GetProperty("valuetransferencoding").GetString());
        Assert.Equal(bytes, Convert.FromBase64String(json.GetProperty("value").GetString()!));
    }

    // CDMI 1.1.1 §8.4.8: update metadata only; §16.6 with ?metadata:name changes one item.
    [Fact]
    public async Task UpdateDataObject_Metadata_Answers204AndIsKept()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var uri = container + "doc";
        await (await client.PutObjectAsync(uri, """{ "metadata" : { "colour" : "red", "shape" : "round" }, "value" : "v" }""")).ExpectAsync(201);

        await (await client.PutObjectAsync(uri + "?metadata:colour", """{ "metadata" : { "colour" : "blue" } }""")).ExpectAsync(204);
        var metadata = (await (await client.GetCdmiAsync(uri + "?metadata")).JsonAsync()).GetProperty("metadata");

        Assert.Equal("blue", metadata.GetProperty("colour").GetString());
        Assert.Equal("round", metadata.GetProperty("shape").GetString());
        Assert.Equal("v", (await (await client.GetCdmiAsync(uri + "?value")).JsonAsync()).GetProperty("value").GetString());
    }

    // CDMI 1.1.1 §8.4.4: ?value:first-last writes those bytes only.
    [Fact]
    public async Task UpdateDataObject_ValueRange_ChangesThoseBytes()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var uri = container + "MyDataObject.txt";
        await (await client.PutObjectAsync(uri, $$"""{ "mimetype" : "text/plain", "value" : "{{ExampleValue}}" }""")).ExpectAsync(201);

        // §8.4.8 example 3: the range's bytes ("that") travel as base64, and the object is base64 from then on.
        await (await client.PutObjectAsync(uri + "?value:21-24", """{ "value" : "dGhhdA==" }""")).ExpectAsync(204);

        Assert.Equal("This is the Value of that Data Object", await client.GetStringAsync(uri));
        Assert.Equal("base64", (await (await client.GetCdmiAsync(uri + "?valuetransferencoding")).JsonAsync()).GetProperty("valuetransferencoding").GetString());
        await (await client.PutObjectAsync(uri + "?value:0-3", """{ "value" : "That", "valuetransferencoding" : "utf-8" }""")).ExpectAsync(400);
    }

    // CDMI 1.1.1 §8.5.8 and §9.5.8: delete answers 204 and the object is gone.
    [Fact]
    public async Task Delete_ObjectThenContainer_Answers204ThenNotFound()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{ "value" : "x" }""")).ExpectAsync(201);

        await (await client.DeleteCdmiAsync(container + "f")).ExpectAsync(204);
        await (await client.GetCdmiAsync(container + "f")).ExpectAsync(404);
        await (await client.DeleteCdmiAsync(container)).ExpectAsync(204);
        await (await client.GetCdmiAsync(container)).ExpectAsync(404);
    }

    // CDMI 1.1.1 §9.3.8: list a container's children, and a range of them.
    [Fact]
    public async Task ReadContainer_ChildrenAndRange_AreListedInOrder()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await (await client.PutObjectAsync(container + name, """{ "value" : "x" }""")).ExpectAsync(201);
        }

        await (await client.PutContainerAsync(container + "d/")).ExpectAsync(201);

        var all = await (await client.GetCdmiAsync(container)).JsonAsync();
        var some = await (await client.GetCdmiAsync(container + "?children:1-2;childrenrange")).JsonAsync();

        Assert.Equal(["a", "b", "c", "d/"], all.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("0-3", all.GetProperty("childrenrange").GetString());
        Assert.Equal(["b", "c"], some.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("1-2", some.GetProperty("childrenrange").GetString());
    }

    // CDMI 1.1.1 §5.10: every object is reachable by its ObjectID.
    [Fact]
    public async Task ReadByObjectId_DataObjectAndContainer_AreTheSameObjects()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var created = await (await client.PutObjectAsync(container + "f", """{ "value" : "by id" }""")).JsonAsync();
        var id = created.GetProperty("objectID").GetString()!;
        var containerId = created.GetProperty("parentID").GetString()!;

        var byId = await (await client.GetCdmiAsync("/cdmi_objectid/" + id)).JsonAsync();
        var containerById = await (await client.GetCdmiAsync("/cdmi_objectid/" + containerId + "/")).JsonAsync();
        var childById = await client.GetStringAsync("/cdmi_objectid/" + containerId + "/f");

        Assert.Equal("by id", byId.GetProperty("value").GetString());
        Assert.Equal(id, byId.GetProperty("objectID").GetString());
        Assert.Equal(["f"], containerById.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("by id", childById);
        await (await client.GetCdmiAsync("/cdmi_objectid/00006FFD001001CCE3B2B4F602032653")).ExpectAsync(404);
    }

    // CDMI 1.1.1 §12.2.8 example 1: the root capability object lists system-wide capabilities only.
    [Fact]
    public async Task ReadCapabilities_Root_ListsSystemWideNamesAndChildren()
    {
        using var client = site.Cdmi();

        var response = await client.GetCdmiAsync("/cdmi_capabilities/", "application/cdmi-capability");
        var json = await response.JsonAsync();
        var container = await (await client.GetCdmiAsync("/cdmi_capabilities/container/")).JsonAsync();
        var dataObject = await (await client.GetCdmiAsync("/cdmi_capabilities/dataobject/")).JsonAsync();

        Assert.Equal("application/cdmi-capability", response.ContentType()!.MediaType);
        Assert.Equal("application/cdmi-capability", json.GetProperty("objectType").GetString());
        Assert.All(json.GetProperty("capabilities").EnumerateObject(), c => Assert.DoesNotContain(c.Name, new[] { "cdmi_list_children", "cdmi_read_value" }));
        Assert.Contains("container/", json.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("true", container.GetProperty("capabilities").GetProperty("cdmi_list_children").GetString());
        Assert.Equal("true", dataObject.GetProperty("capabilities").GetProperty("cdmi_read_value_range").GetString());
        var byId = await (await client.GetCdmiAsync("/cdmi_objectid/" + json.GetProperty("objectID").GetString())).JsonAsync();
        Assert.Equal("cdmi_capabilities/", byId.GetProperty("objectName").GetString());

        // §12.2's example: the root capability object's parent is the root container.
        var root = await (await client.GetCdmiAsync("/")).JsonAsync();
        Assert.Equal("/", json.GetProperty("parentURI").GetString());
        Assert.Equal(root.GetProperty("objectID").GetString(), json.GetProperty("parentID").GetString());
    }

    // CDMI 1.1.1 §16.3: storage-system metadata belongs to the server; a client's cdmi_* items are dropped
    // (cdmi_hash too: it is there only when cdmi_value_hash asks for it, §16.4).
    [Fact]
    public async Task CreateDataObject_ClientCdmiMetadata_IsDroppedAndSystemMetadataShown()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        var json = await (await client.PutObjectAsync(container + "f", """{ "metadata" : { "cdmi_size" : "999", "cdmi_owner" : "mallory", "cdmi_hash" : "forged" }, "value" : "abc" }""")).JsonAsync();

        var metadata = json.GetProperty("metadata");
        Assert.Equal("3", metadata.GetProperty("cdmi_size").GetString());
        Assert.Equal(site.Admin.User, metadata.GetProperty("cdmi_owner").GetString());
        Assert.False(metadata.TryGetProperty("cdmi_hash", out _));
        foreach (var name in new[] { "cdmi_ctime", "cdmi_mtime", "cdmi_atime", "cdmi_acl" })
        {
            Assert.True(metadata.TryGetProperty(name, out _), name);
        }
    }

    // CDMI 1.1.1 §12.2.5: versions are negotiated; 1.0.2 clients are answered as 1.0.2.
    [Fact]
    public async Task Version_OlderClient_IsAnsweredInItsVersion()
    {
        using var client = site.Cdmi();

        var response = await client.SendAsync(Cdmi.Request(HttpMethod.Get, "/cdmi_capabilities/", version: "1.0.2"));

        await response.ExpectAsync(200);
        Assert.Equal("1.0.2", response.Header(Cdmi.VersionHeader));
    }
}
