namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Copying a container copies what it holds (CDMI 1.1.1 §9.2, copy).</summary>
public class ContainerCopyTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    [Fact]
    public async Task Copy_Container_CopiesItsChildrenIndependently()
    {
        using var client = site.Cdmi();
        var root = "/" + CdmiSite.Unique("copy") + "/";
        await (await client.PutContainerAsync(root)).ExpectAsync(201);
        var source = await (await client.PutContainerAsync(root + "src/", """{"metadata":{"project":"x"}}""")).JsonAsync();
        await (await client.PutObjectAsync(root + "src/a", """{"mimetype":"text/csv","value":"1,2"}""")).ExpectAsync(201);
        await (await client.PutContainerAsync(root + "src/sub/")).ExpectAsync(201);
        var deep = await (await client.PutObjectAsync(root + "src/sub/b", """{"value":"deep"}""")).JsonAsync();

        var copy = await (await client.PutContainerAsync(root + "dst/", $$"""{"copy":"{{root}}src/"}""")).JsonAsync();

        Assert.NotEqual(source.GetProperty("objectID").GetString(), copy.GetProperty("objectID").GetString());
        Assert.Equal("x", copy.GetProperty("metadata").GetProperty("project").GetString());
        var listing = await (await client.GetCdmiAsync(root + "dst/?children")).JsonAsync();
        Assert.Equal(["a", "sub/"], listing.GetProperty("children").EnumerateArray().Select(c => c.GetString()!).Order());
        Assert.Equal("1,2", await client.GetStringAsync(root + "dst/a"));
        var copied = await (await client.GetCdmiAsync(root + "dst/sub/b")).JsonAsync();
        Assert.Equal("deep", copied.GetProperty("value").GetString());
        Assert.NotEqual(deep.GetProperty("objectID").GetString(), copied.GetProperty("objectID").GetString());

        await (await client.PutObjectAsync(root + "dst/a", """{"value":"changed"}""")).ExpectAsync(204);
        Assert.Equal("1,2", await client.GetStringAsync(root + "src/a"));
    }

    [Fact]
    public async Task Copy_ContainerOntoAnExistingOneOrIntoItself_IsRefused()
    {
        using var client = site.Cdmi();
        var root = "/" + CdmiSite.Unique("copy") + "/";
        await (await client.PutContainerAsync(root)).ExpectAsync(201);
        await (await client.PutContainerAsync(root + "src/")).ExpectAsync(201);
        await (await client.PutContainerAsync(root + "there/")).ExpectAsync(201);

        await (await client.PutContainerAsync(root + "there/", $$"""{"copy":"{{root}}src/"}""")).ExpectAsync(409);
        await (await client.PutContainerAsync(root + "src/inner/", $$"""{"copy":"{{root}}src/"}""")).ExpectAsync(400);
    }
}
