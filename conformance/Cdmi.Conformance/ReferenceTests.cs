namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Reference objects (CDMI 1.1.1 §5.16, §8.2, §9.2): created with "reference", answered with 302 Found.</summary>
public class ReferenceTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private async Task<string> ContainerAsync(HttpClient client)
    {
        var uri = "/" + CdmiSite.Unique("refs") + "/";
        await (await client.PutContainerAsync(uri)).ExpectAsync(201);
        return uri;
    }

    [Fact]
    public async Task Get_Reference_Is302ToItsTarget()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "target", """{"value":"the target"}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "link", $$"""{"reference":"{{container}}target"}""")).ExpectAsync(201);

        var cdmi = await client.GetCdmiAsync(container + "link");
        Assert.Equal(302, (int)cdmi.StatusCode);
        Assert.Equal(container + "target", cdmi.Header("Location"));
        var plain = await client.GetAsync(container + "link");
        Assert.Equal(302, (int)plain.StatusCode);
        Assert.Equal(container + "target", plain.Header("Location"));
    }

    [Fact]
    public async Task Reference_ToAnotherCloud_KeepsTheAbsoluteUri()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await (await client.PutObjectAsync(container + "away", """{"reference":"https://cloud.example.com/data/set"}""")).ExpectAsync(201);

        var answer = await client.GetCdmiAsync(container + "away?metadata");
        Assert.Equal(302, (int)answer.StatusCode);
        Assert.Equal("https://cloud.example.com/data/set", answer.Header("Location"));
    }

    [Fact]
    public async Task Put_OnAReference_IsRedirectedAndChangesNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "target", """{"value":"kept"}""")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "link", $$"""{"reference":"{{container}}target"}""")).ExpectAsync(201);

        var update = await client.PutObjectAsync(container + "link", """{"value":"new"}""");

        Assert.Equal(302, (int)update.StatusCode);
        Assert.Equal("kept", await client.GetStringAsync(container + "target"));
    }

    [Fact]
    public async Task Container_ListsAReferenceWithATrailingQuestionMark()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "link", """{"reference":"/elsewhere"}""")).ExpectAsync(201);

        var listing = await (await client.GetCdmiAsync(container + "?children")).JsonAsync();

        Assert.Equal(["link?"], listing.GetProperty("children").EnumerateArray().Select(c => c.GetString()!));
    }

    [Fact]
    public async Task Delete_Reference_RemovesItButNotItsTarget()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "target", """{"value":"stays"}""")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "link", $$"""{"reference":"{{container}}target"}""")).ExpectAsync(201);

        await (await client.DeleteCdmiAsync(container + "link")).ExpectAsync(204);

        await (await client.GetCdmiAsync(container + "link")).ExpectAsync(404);
        Assert.Equal("stays", await client.GetStringAsync(container + "target"));
    }

    [Fact]
    public async Task Create_ReferenceWithOtherFieldsOrABadUri_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await (await client.PutObjectAsync(container + "a", """{"reference":"/x","mimetype":"text/plain"}""")).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "b", """{"reference":"/x","value":"v"}""")).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "c", """{"reference":"/x","metadata":{}}""")).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "d", """{"reference":"relative/path"}""")).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "e", """{"reference":"/x\r\nSet-Cookie: a=b"}""")).ExpectAsync(400);
        await (await client.PutObjectAsync(container + "f", """{"reference":"ftp://example.com/x"}""")).ExpectAsync(400);
    }

    [Fact]
    public async Task Create_ReferenceOverAnExistingObject_Is409()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "taken", """{"value":"v"}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "taken", """{"reference":"/x"}""")).ExpectAsync(409);
    }

    private static HttpRequestMessage Head(string uri) => Cdmi.Request(HttpMethod.Head, uri);

    [Fact]
    public async Task ContainerReference_GetHeadAndPut_Are302ToTheTargetContainer()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "target/")).ExpectAsync(201);

        var created = await client.PutContainerAsync(container + "link/", $$"""{"reference":"{{container}}target/"}""");

        await created.ExpectAsync(201);
        Assert.Equal("application/cdmi-container", created.ContentType()!.MediaType);
        var json = await created.JsonAsync();
        Assert.Equal("link/", json.GetProperty("objectName").GetString());
        foreach (var answer in new[]
        {
            await client.GetCdmiAsync(container + "link/"),
            await client.GetAsync(container + "link/"),
            await client.SendAsync(Head(container + "link/")),
            await client.GetCdmiAsync("/cdmi_objectid/" + json.GetProperty("objectID").GetString()),
            await client.PutContainerAsync(container + "link/", """{"metadata":{"colour":"red"}}"""),
        })
        {
            Assert.Equal(302, (int)answer.StatusCode);
            Assert.Equal(container + "target/", answer.Header("Location"));
        }

        var target = await (await client.GetCdmiAsync(container + "target/?metadata")).JsonAsync();
        Assert.False(target.GetProperty("metadata").TryGetProperty("colour", out _));
    }

    [Fact]
    public async Task ContainerReference_NamedWithoutItsSlash_Is301ToTheReference()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "link/", """{"reference":"/elsewhere/"}""")).ExpectAsync(201);

        var answer = await client.GetCdmiAsync(container + "link");

        Assert.Equal(301, (int)answer.StatusCode);
        Assert.Equal(container + "link/", answer.Header("Location"));
    }

    [Fact]
    public async Task ContainerReference_ToAnotherCloud_KeepsTheAbsoluteUri()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await (await client.PutContainerAsync(container + "away/", """{"reference":"https://cloud.example.com/data/sets/"}""")).ExpectAsync(201);

        var answer = await client.GetCdmiAsync(container + "away/?children");
        Assert.Equal(302, (int)answer.StatusCode);
        Assert.Equal("https://cloud.example.com/data/sets/", answer.Header("Location"));
    }

    [Fact]
    public async Task Container_ListsAContainerReferenceWithASlashBeforeTheQuestionMark()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "file", """{"reference":"/elsewhere"}""")).ExpectAsync(201);
        await (await client.PutContainerAsync(container + "folder/", """{"reference":"/elsewhere/"}""")).ExpectAsync(201);

        var listing = await (await client.GetCdmiAsync(container + "?children")).JsonAsync();

        Assert.Equal(["file?", "folder/?"], listing.GetProperty("children").EnumerateArray().Select(c => c.GetString()!));
    }

    [Fact]
    public async Task Delete_ContainerReference_RemovesItButNotTheContainerItNames()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "target/")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "target/inside", """{"value":"stays"}""")).ExpectAsync(201);
        await (await client.PutContainerAsync(container + "link/", $$"""{"reference":"{{container}}target/"}""")).ExpectAsync(201);

        await (await client.DeleteCdmiAsync(container + "link/")).ExpectAsync(204);

        await (await client.GetCdmiAsync(container + "link/")).ExpectAsync(404);
        Assert.Equal("stays", await client.GetStringAsync(container + "target/inside"));
        var listing = await (await client.GetCdmiAsync(container + "?children")).JsonAsync();
        Assert.Equal(["target/"], listing.GetProperty("children").EnumerateArray().Select(c => c.GetString()!));
    }

    [Fact]
    public async Task Move_ContainerReference_KeepsItsTargetAndItsShape()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "link/", """{"reference":"/elsewhere/"}""")).ExpectAsync(201);

        await (await client.PutContainerAsync(container + "moved/", $$"""{"move":"{{container}}link/"}""")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "flat", $$"""{"move":"{{container}}moved/"}""")).ExpectAsync(400);

        await (await client.GetCdmiAsync(container + "link/")).ExpectAsync(404);
        var answer = await client.GetCdmiAsync(container + "moved/");
        Assert.Equal(302, (int)answer.StatusCode);
        Assert.Equal("/elsewhere/", answer.Header("Location"));
    }

    [Fact]
    public async Task Create_ContainerReferenceWithOtherFields_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await (await client.PutContainerAsync(container + "a/", """{"reference":"/x/","metadata":{}}""")).ExpectAsync(400);
        await (await client.PutContainerAsync(container + "b/", """{"reference":"/x/","exports":{}}""")).ExpectAsync(400);
        await (await client.PutContainerAsync(container + "c/", """{"reference":"/x/","value":"v"}""")).ExpectAsync(400);
        await (await client.PutContainerAsync(container + "d/", """{"reference":"/x/","copy":"/y/"}""")).ExpectAsync(400);

        var listing = await (await client.GetCdmiAsync(container + "?children")).JsonAsync();
        Assert.Empty(listing.GetProperty("children").EnumerateArray());
    }

    [Fact]
    public async Task Create_ContainerReferenceToANonContainerUri_Is400AndSaysWhy()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "file", """{"value":"v"}""")).ExpectAsync(201);

        var toDataObject = await client.PutContainerAsync(container + "a/", $$"""{"reference":"{{container}}file"}""");
        var toRemoteObject = await client.PutContainerAsync(container + "b/", """{"reference":"https://cloud.example.com/data/file"}""");

        Assert.Equal(400, (int)toDataObject.StatusCode);
        Assert.Contains("ends with '/'", await toDataObject.Content.ReadAsStringAsync());
        await toRemoteObject.ExpectAsync(400);
        await (await client.PutContainerAsync(container + "c/", """{"reference":"relative/"}""")).ExpectAsync(400);
        await (await client.GetCdmiAsync(container + "a/")).ExpectAsync(404);
    }

    [Fact]
    public async Task Create_ContainerReferenceOverAnExistingName_Is409()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "taken/")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "file", """{"value":"v"}""")).ExpectAsync(201);

        await (await client.PutContainerAsync(container + "taken/", """{"reference":"/x/"}""")).ExpectAsync(409);
        await (await client.PutContainerAsync(container + "file/", """{"reference":"/x/"}""")).ExpectAsync(409);
        await (await client.GetCdmiAsync(container + "taken/")).ExpectAsync(200);
    }

    [Fact]
    public async Task ContainerReference_IsInvisibleToAnotherUser()
    {
        using var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        using var bob = await site.CdmiUserAsync(CdmiSite.Unique("bob"));
        var container = await ContainerAsync(alice);
        var created = await (await alice.PutContainerAsync(container + "link/", """{"reference":"/elsewhere/"}""")).JsonAsync();

        await (await bob.GetCdmiAsync(container + "link/")).ExpectAsync(404);
        await (await bob.SendAsync(Head(container + "link/"))).ExpectAsync(404);
        await (await bob.GetCdmiAsync("/cdmi_objectid/" + created.GetProperty("objectID").GetString())).ExpectAsync(404);
        await (await bob.DeleteCdmiAsync(container + "link/")).ExpectAsync(404);

        Assert.Equal(302, (int)(await alice.GetCdmiAsync(container + "link/")).StatusCode);
    }

    [Fact]
    public async Task ContainerCapabilities_SayReferencesCanBeCreated()
    {
        using var client = site.Cdmi();

        var container = await (await client.GetCdmiAsync("/cdmi_capabilities/container/")).JsonAsync();
        var root = await (await client.GetCdmiAsync("/cdmi_capabilities/")).JsonAsync();

        Assert.Equal("true", container.GetProperty("capabilities").GetProperty("cdmi_create_reference").GetString());
        Assert.Equal("true", root.GetProperty("capabilities").GetProperty("cdmi_references").GetString());
    }
}
