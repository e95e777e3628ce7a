using System.Text.Json;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>
/// Fields the standard does not define are stored as part of the object and not interpreted
/// (CDMI 1.1.1 §8.1, §9.1, §11.1): kept, answered as given, selectable by name, carried by copy and move.
/// </summary>
public class UninterpretedFieldTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private async Task<string> ContainerAsync(HttpClient client)
    {
        var uri = "/" + CdmiSite.Unique("extra") + "/";
        await (await client.PutContainerAsync(uri)).ExpectAsync(201);
        return uri;
    }

    private static string Raw(JsonElement json, string name) => json.GetProperty(name).GetRawText();

    [Fact]
    public async Task Put_DataObjectWithUndefinedFields_GetAnswersThemAsGiven()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await (await client.PutObjectAsync(container + "f",
            """{"value":"v","x-origin":{"site":"lyon","tags":["a",1,true,null]},"x-count":42,"x-note":"é\"q"}""")).ExpectAsync(201);
        var json = await (await client.GetCdmiAsync(container + "f")).JsonAsync();

        Assert.Equal("""{"site":"lyon","tags":["a",1,true,null]}""", Raw(json, "x-origin"));
        Assert.Equal(42, json.GetProperty("x-count").GetInt32());
        Assert.Equal("é\"q", json.GetProperty("x-note").GetString());
        Assert.Equal("v", json.GetProperty("value").GetString());
        Assert.DoesNotContain(json.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.Null);
        // They come before the value, which stays last.
        Assert.Equal("value", json.EnumerateObject().Last().Name);
    }

    [Fact]
    public async Task Get_NamingAnUndefinedField_AnswersOnlyWhatIsNamed()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{"value":"v","x-a":"1","x-b":[2]}""")).ExpectAsync(201);

        var one = await (await client.GetCdmiAsync(container + "f?x-b")).JsonAsync();
        var two = await (await client.GetCdmiAsync(container + "f?x-a;objectID")).JsonAsync();
        var absent = await (await client.GetCdmiAsync(container + "f?x-none")).JsonAsync();

        Assert.Equal(["x-b"], one.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[2]", Raw(one, "x-b"));
        Assert.Equal(["objectID", "x-a"], two.EnumerateObject().Select(p => p.Name));
        Assert.Empty(absent.EnumerateObject());
    }

    // CDMI 1.1.1 §8.4.4: a field given in an update replaces the stored one; one not given is left unchanged.
    [Fact]
    public async Task Put_Update_ReplacesNamedFields_KeepsOthers_NullRemoves()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{"value":"v","x-a":"old","x-b":"kept","x-c":"gone"}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "f", """{"x-a":{"new":true},"x-c":null}""")).ExpectAsync(204);
        await (await client.PutObjectAsync(container + "f", """{"value":"w"}""")).ExpectAsync(204);
        var json = await (await client.GetCdmiAsync(container + "f")).JsonAsync();

        Assert.Equal("""{"new":true}""", Raw(json, "x-a"));
        Assert.Equal("kept", json.GetProperty("x-b").GetString());
        Assert.False(json.TryGetProperty("x-c", out _));
        Assert.Equal("w", json.GetProperty("value").GetString());
    }

    // CDMI 1.1.1 §8.2.5: objectID, children and the like are the server's; a body that sends them neither sets nor duplicates them.
    [Fact]
    public async Task Put_DefinedFieldNames_AreNeverStoredAsUndefinedOnes()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        var created = await (await client.PutObjectAsync(container + "f",
            """{"value":"v","objectID":"00006FFD001001CCE3B2B4F602032653","completionStatus":"Error","children":["x"],"ObjectID":"mine"}""")).JsonAsync();
        var text = await (await client.GetCdmiAsync(container + "f")).Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;

        Assert.NotEqual("00006FFD001001CCE3B2B4F602032653", json.GetProperty("objectID").GetString());
        Assert.Equal(created.GetProperty("objectID").GetString(), json.GetProperty("objectID").GetString());
        Assert.Equal("Complete", json.GetProperty("completionStatus").GetString());
        Assert.False(json.TryGetProperty("children", out _));
        Assert.Single(json.EnumerateObject(), p => p.Name == "objectID");
        // Member names are case-sensitive (RFC 8259): "ObjectID" is not a defined field, so it is kept.
        Assert.Equal("mine", json.GetProperty("ObjectID").GetString());
    }

    // CDMI 1.1.1 §8.2.5: without fields named, a copy is complete; a source URI naming fields copies only those.
    [Fact]
    public async Task Copy_CarriesTheSourcesFields_BodyFieldsReplaceTheirs()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "src", """{"value":"v","x-a":"a","x-b":"b"}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "whole", $$"""{"copy":"{{container}}src","x-b":"mine"}""")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "part", $$"""{"copy":"{{container}}src?value;x-a"}""")).ExpectAsync(201);
        var whole = await (await client.GetCdmiAsync(container + "whole")).JsonAsync();
        var part = await (await client.GetCdmiAsync(container + "part")).JsonAsync();

        Assert.Equal("a", whole.GetProperty("x-a").GetString());
        Assert.Equal("mine", whole.GetProperty("x-b").GetString());
        Assert.Equal("a", part.GetProperty("x-a").GetString());
        Assert.False(part.TryGetProperty("x-b", out _));
        Assert.Equal("b", (await (await client.GetCdmiAsync(container + "src?x-b")).JsonAsync()).GetProperty("x-b").GetString());
    }

    // CDMI 1.1.1 §8.2.5, §9.2.5: a move preserves the object's contents; fields the move's body names replace theirs.
    [Fact]
    public async Task Move_KeepsTheFields()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "src", """{"value":"v","x-a":"a","x-b":"b"}""")).ExpectAsync(201);
        await (await client.PutContainerAsync(container + "box/", """{"x-shelf":3}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "dst", $$"""{"move":"{{container}}src","x-b":"moved"}""")).ExpectAsync(201);
        await (await client.PutContainerAsync(container + "crate/", $$"""{"move":"{{container}}box/"}""")).ExpectAsync(201);
        var moved = await (await client.GetCdmiAsync(container + "dst")).JsonAsync();
        var crate = await (await client.GetCdmiAsync(container + "crate/")).JsonAsync();

        Assert.Equal("a", moved.GetProperty("x-a").GetString());
        Assert.Equal("moved", moved.GetProperty("x-b").GetString());
        Assert.Equal(3, crate.GetProperty("x-shelf").GetInt32());
    }

    // CDMI 1.1.1 §9.1, §9.2.5: a container keeps its fields, and a copy of it carries them (and those of what it holds).
    [Fact]
    public async Task Container_KeepsFields_AndACopyCarriesThem()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "box/", """{"metadata":{"k":"v"},"x-shelf":{"row":2}}""")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "box/f", """{"value":"v","x-inner":true}""")).ExpectAsync(201);

        await (await client.PutContainerAsync(container + "box/", """{"x-shelf":{"row":3}}""")).ExpectAsync(204);
        await (await client.PutContainerAsync(container + "copy/", $$"""{"copy":"{{container}}box/"}""")).ExpectAsync(201);
        var box = await (await client.GetCdmiAsync(container + "box/")).JsonAsync();
        var copy = await (await client.GetCdmiAsync(container + "copy/")).JsonAsync();
        var inner = await (await client.GetCdmiAsync(container + "copy/f?x-inner")).JsonAsync();

        Assert.Equal("""{"row":3}""", Raw(box, "x-shelf"));
        Assert.Equal("v", box.GetProperty("metadata").GetProperty("k").GetString());
        Assert.Equal("""{"row":3}""", Raw(copy, "x-shelf"));
        Assert.True(inner.GetProperty("x-inner").GetBoolean());
    }

    // CDMI 1.1.1 §11.1: a queue keeps fields given on its create or update; an enqueue carries values only.
    [Fact]
    public async Task Queue_KeepsFields_AndAnEnqueueWithOneIs400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "q", "application/cdmi-queue", """{"x-priority":"high"}"""))).ExpectAsync(201);

        var refused = await client.SendAsync(Cdmi.Request(HttpMethod.Post, container + "q", "application/cdmi-queue", """{"value":"a","x-priority":"low"}"""));
        var json = await (await client.GetCdmiAsync(container + "q")).JsonAsync();

        await refused.ExpectAsync(400);
        Assert.Contains("x-priority", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("high", json.GetProperty("x-priority").GetString());
        Assert.Equal("", json.GetProperty("queueValues").GetString());
    }

    // CDMI 1.1.1 §8.2.5: "If any other fields are supplied when creating a reference, the server shall respond with 400".
    [Fact]
    public async Task Reference_WithAnUndefinedField_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "t", """{"value":"v"}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "r", $$"""{"reference":"{{container}}t","x-a":1}""")).ExpectAsync(400);
        await (await client.GetCdmiAsync(container + "r")).ExpectAsync(404);
    }

    [Fact]
    public async Task Put_TooManyFields_Is400_AndStoresNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var many = string.Join(",", Enumerable.Range(0, 1025).Select(i => $"\"x{i}\":{i}"));

        var response = await client.PutObjectAsync(container + "f", "{\"value\":\"v\"," + many + "}");

        await response.ExpectAsync(400);
        Assert.Equal("text/plain", response.ContentType()!.MediaType);
        Assert.Contains("at most 1024", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await client.GetCdmiAsync(container + "f")).ExpectAsync(404);
    }

    [Fact]
    public async Task Put_HostileFields_Are400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var deep = "{\"value\":\"v\",\"x-deep\":" + new string('[', 40) + new string(']', 40) + "}";

        await (await client.PutObjectAsync(container + "f", deep)).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "f", """{"value":"v","":1}""")).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "f", """{"value":"v","x-a":1,"x-a":2}""")).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "f", """{"value":"v","x-a":tru}""")).ExpectAsync(400);
        await (await client.GetCdmiAsync(container + "f")).ExpectAsync(404);
    }
}
