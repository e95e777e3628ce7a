namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Reference objects (CDMI 1.1.1 §7.2, §8.2): created with "reference", answered with 302 Found.</summary>
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
        await (await client.PutContainerAsync(container + "g/", """{"reference":"/x/"}""")).ExpectAsync(400);
    }

    [Fact]
    public async Task Create_ReferenceOverAnExistingObject_Is409()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "taken", """{"value":"v"}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "taken", """{"reference":"/x"}""")).ExpectAsync(409);
    }
}
